/** The SCANNER_PARAMETERS XML: the instruments, locations, scan codes and filters the simulator serves. */

export const SCAN_LOCATIONS: Array<{ code: string; name: string; exchanges: string[] | null }> = [
  { code: 'STK.US.MAJOR', name: 'US Stocks (major)', exchanges: null },
  { code: 'STK.US', name: 'US Stocks', exchanges: null },
  { code: 'STK.NASDAQ', name: 'NASDAQ', exchanges: ['NASDAQ'] },
  { code: 'STK.NYSE', name: 'NYSE', exchanges: ['NYSE'] },
  { code: 'STK.AMEX', name: 'AMEX', exchanges: ['AMEX'] },
  { code: 'STK.ARCA', name: 'NYSE Arca', exchanges: ['ARCA'] },
];

const SCAN_NAMES: Record<string, string> = {
  TOP_PERC_GAIN: 'Top % Gainers',
  TOP_PERC_LOSE: 'Top % Losers',
  MOST_ACTIVE: 'Most Active',
  HOT_BY_VOLUME: 'Hot Contracts by Volume',
  HIGH_OPEN_GAP: 'High Open Gap',
  TOP_OPEN_PERC_GAIN: 'Top % Gainers Since Open',
  LOW_OPEN_GAP: 'Low Open Gap',
  TOP_OPEN_PERC_LOSE: 'Top % Losers Since Open',
};

const FILTERS: Array<{ id: string; category: string; name: string; above: string; below?: string }> = [
  { id: 'PRICE', category: 'Price', name: 'Price', above: 'priceAbove', below: 'priceBelow' },
  { id: 'VOLUME', category: 'Volume', name: 'Volume', above: 'volumeAbove' },
];

const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

export function scannerParametersXml(scanCodes: readonly string[]): string {
  const lines: string[] = ['<?xml version="1.0" encoding="UTF-8"?>', '<ScanParameterResponse>'];
  lines.push('<InstrumentList varName="fullInstrumentList">');
  lines.push('<Instrument><name>US Stocks</name><type>STK</type><filters>PRICE,VOLUME</filters><group>STK.GLOBAL</group><shortName>US</shortName></Instrument>');
  lines.push('</InstrumentList>');
  lines.push('<LocationTree varName="locationTree">');
  lines.push('<Location><displayName>US Stocks</displayName><tooltip>US Stocks</tooltip><instruments>STK</instruments><routeExchange>SMART</routeExchange><LocationTree>');
  for (const l of SCAN_LOCATIONS) {
    lines.push(`<Location><displayName>${esc(l.name)}</displayName><locationCode>${l.code}</locationCode><instruments>STK</instruments><routeExchange>SMART</routeExchange><delayedOnly>false</delayedOnly><access>unrestricted</access></Location>`);
  }
  lines.push('</LocationTree></Location>');
  lines.push('</LocationTree>');
  lines.push('<ScanTypeList varName="scanTypeList">');
  for (const code of scanCodes) {
    lines.push(`<ScanType><displayName>${esc(SCAN_NAMES[code] ?? code)}</displayName><scanCode>${code}</scanCode><instruments>STK</instruments><absoluteColumns>false</absoluteColumns><Columns varName="columns"/><supportsSorting>true</supportsSorting><respSizeLimit>50</respSizeLimit><snapshotSizeLimit>50</snapshotSizeLimit><searchDefault>false</searchDefault><access>unrestricted</access></ScanType>`);
  }
  lines.push('</ScanTypeList>');
  lines.push('<FilterList varName="filterList">');
  for (const f of FILTERS) {
    lines.push(`<RangeFilter><id>${f.id}</id><category>${f.category}</category><histogram>false</histogram><access>unrestricted</access><AbstractField type="DoubleField"><code>${f.above}</code><displayName>${f.name} above</displayName><tooltip>${f.name} above</tooltip><varName>${f.above}</varName><minValue>0</minValue><skipNotEditableField>true</skipNotEditableField></AbstractField>` +
      (f.below ? `<AbstractField type="DoubleField"><code>${f.below}</code><displayName>${f.name} below</displayName><tooltip>${f.name} below</tooltip><varName>${f.below}</varName><minValue>0</minValue><skipNotEditableField>true</skipNotEditableField></AbstractField>` : '') +
      '</RangeFilter>');
  }
  lines.push('</FilterList>');
  lines.push('</ScanParameterResponse>');
  return lines.join('\n');
}
