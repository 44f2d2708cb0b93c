import type { SimStock } from './types';
import type { Rng } from './rng';

/** Well-known names so a demo looks familiar (conIds as IB assigns them; prices only plausible). */
export const WELL_KNOWN: ReadonlyArray<{
  symbol: string; conId: number; longName: string; exchange: SimStock['primaryExchange'];
  price: number; adv: number; float: number; industry: string; category: string;
}> = [
  { symbol: 'AAPL', conId: 265598, longName: 'APPLE INC', exchange: 'NASDAQ', price: 228.5, adv: 52e6, float: 14.8e9, industry: 'Technology', category: 'Computers' },
  { symbol: 'SPY', conId: 756733, longName: 'SPDR S&P 500 ETF TRUST', exchange: 'ARCA', price: 571.2, adv: 48e6, float: 9.1e8, industry: 'Funds', category: 'Equity Fund' },
  { symbol: 'QQQ', conId: 320227571, longName: 'INVESCO QQQ TRUST SERIES 1', exchange: 'NASDAQ', price: 489.3, adv: 35e6, float: 5.6e8, industry: 'Funds', category: 'Equity Fund' },
  { symbol: 'IBM', conId: 8314, longName: 'INTL BUSINESS MACHINES CORP', exchange: 'NYSE', price: 221.4, adv: 4.1e6, float: 9.2e8, industry: 'Technology', category: 'Computers' },
  { symbol: 'TSLA', conId: 76792991, longName: 'TESLA INC', exchange: 'NASDAQ', price: 248.9, adv: 88e6, float: 2.8e9, industry: 'Consumer, Cyclical', category: 'Auto Manufacturers' },
  { symbol: 'AMD', conId: 4391, longName: 'ADVANCED MICRO DEVICES', exchange: 'NASDAQ', price: 156.2, adv: 41e6, float: 1.6e9, industry: 'Technology', category: 'Semiconductors' },
  { symbol: 'NVDA', conId: 4815747, longName: 'NVIDIA CORP', exchange: 'NASDAQ', price: 131.6, adv: 240e6, float: 23.5e9, industry: 'Technology', category: 'Semiconductors' },
  { symbol: 'MSFT', conId: 272093, longName: 'MICROSOFT CORP', exchange: 'NASDAQ', price: 418.1, adv: 20e6, float: 7.4e9, industry: 'Technology', category: 'Software' },
  { symbol: 'AMZN', conId: 3691937, longName: 'AMAZON.COM INC', exchange: 'NASDAQ', price: 186.4, adv: 39e6, float: 9.5e9, industry: 'Communications', category: 'Internet' },
  { symbol: 'META', conId: 107113386, longName: 'META PLATFORMS INC-CLASS A', exchange: 'NASDAQ', price: 563.3, adv: 12e6, float: 2.2e9, industry: 'Communications', category: 'Internet' },
  { symbol: 'F', conId: 9599491, longName: 'FORD MOTOR CO', exchange: 'NYSE', price: 10.7, adv: 48e6, float: 3.9e9, industry: 'Consumer, Cyclical', category: 'Auto Manufacturers' },
  { symbol: 'SOFI', conId: 460492620, longName: 'SOFI TECHNOLOGIES INC', exchange: 'NASDAQ', price: 9.4, adv: 45e6, float: 1.0e9, industry: 'Financial', category: 'Diversified Finan Serv' },
];

export const INDUSTRIES: ReadonlyArray<[string, string[]]> = [
  ['Technology', ['Software', 'Semiconductors', 'Computers']],
  ['Consumer, Non-cyclical', ['Biotechnology', 'Pharmaceuticals', 'Healthcare-Products', 'Commercial Services']],
  ['Communications', ['Internet', 'Telecommunications', 'Media']],
  ['Energy', ['Oil&Gas', 'Energy-Alternate Sources']],
  ['Financial', ['Banks', 'Diversified Finan Serv', 'REITS']],
  ['Industrial', ['Aerospace/Defense', 'Electronics', 'Machinery-Diversified']],
  ['Consumer, Cyclical', ['Retail', 'Auto Parts&Equipment', 'Leisure Time']],
  ['Basic Materials', ['Mining', 'Chemicals']],
];

const ONSETS = ['B', 'BR', 'C', 'CL', 'D', 'F', 'G', 'GR', 'H', 'K', 'L', 'M', 'N', 'P', 'PR', 'QU', 'R', 'S', 'ST', 'T', 'TR', 'V', 'W', 'X', 'Z'];
const VOWELS = ['A', 'E', 'I', 'O', 'U', 'Y'];
const CODAS = ['', 'N', 'R', 'X', 'T', 'S', 'L', 'K', 'M', 'D'];
const NAME_PARTS = ['Nova', 'Helix', 'Quantum', 'Vertex', 'Apex', 'Lumen', 'Orion', 'Zenith', 'Cobalt', 'Arcadia', 'Nimbus', 'Stellar', 'Pinnacle', 'Meridian', 'Catalyst', 'Summit', 'Vireo', 'Kestrel', 'Polaris', 'Solstice'];
const NAME_SUFFIX: Record<string, string[]> = {
  Technology: ['SYSTEMS INC', 'TECHNOLOGIES INC', 'SEMICONDUCTOR CORP', 'SOFTWARE INC'],
  'Consumer, Non-cyclical': ['THERAPEUTICS INC', 'BIOSCIENCES INC', 'PHARMA CORP', 'HEALTH INC'],
  Communications: ['NETWORKS INC', 'MEDIA CORP', 'DIGITAL INC'],
  Energy: ['ENERGY CORP', 'RESOURCES INC', 'POWER INC'],
  Financial: ['FINANCIAL CORP', 'BANCORP', 'CAPITAL INC'],
  Industrial: ['INDUSTRIES INC', 'AEROSPACE CORP', 'DYNAMICS INC'],
  'Consumer, Cyclical': ['BRANDS INC', 'RETAIL CORP', 'MOTORS INC'],
  'Basic Materials': ['MINING CORP', 'MATERIALS INC', 'METALS CORP'],
};

/** A pronounceable made-up ticker of 3-4 letters, not in `taken`. */
export function makeTicker(rng: Rng, taken: Set<string>): string {
  for (;;) {
    let t = rng.pick(ONSETS) + rng.pick(VOWELS) + rng.pick(CODAS);
    if (t.length < 3) t += rng.pick(ONSETS)[0];
    if (t.length > 4) t = t.slice(0, 4);
    if (!taken.has(t)) {
      taken.add(t);
      return t;
    }
  }
}

export function makeLongName(rng: Rng, industry: string): string {
  return `${rng.pick(NAME_PARTS).toUpperCase()} ${rng.pick(NAME_SUFFIX[industry] ?? ['HOLDINGS INC'])}`;
}
