import { z } from 'zod';
import { AppInfo } from './features/app';
import { ResearchExample, ResearchExportRequest, ResearchExportResult, ResearchQueryRequest, ResearchQueryResult } from './features/research';
import { BackfillHits, BackfillHitsQuery, BackfillJobInfo, BackfillJobRef, BackfillPlanPreview, BackfillSpecInput } from './features/backfill';
import { BrokerStatus } from './features/broker';
import { DatabentoCost, DatabentoImportInput, DatabentoImportResult, DatabentoKeyInput, DatabentoRequest, DatabentoStatus } from './features/databento';
import { BarsRequest, BarsResponse, ChartWatch } from './features/chart';
import { GatewayDetection, GatewayLaunchRequest, GatewayStatus } from './features/gateway';
import { InstrumentQueryInput, ResolvedInstrument } from './features/instrument';
import { OneSymbol, RecorderStatus, RecordingSummary, SymbolList } from './features/recorder';
import { ScannerSnapshot } from './features/scanner';
import {
  ReplayEvents, ReplayEventsQuery, ReplayEventColumns, ReplayFrame, ReplayInfo, ReplayOpen, ReplayPlay, ReplayRef, ReplaySeek, ReplaySessionInfo,
  ReplaySessionsQuery, ReplayStep,
} from './features/replay';
import { ReplayAnalysis, ReplayAnalysisQuery, ReplayTrades } from './features/replay';
import { Settings, SettingsPatch } from './features/settings';
import { FlexSettingsInput, FlexStatus, Fill, HistoryImportRequest, HistoryImportResult, HistoryRange, HistoryStatsResult, ReportBuildRequest, ReportBuildResult, RoundTrip, SchedulerStatus } from './features/history';
import { ArmRequest, AuditEntry, AuditQuery, CancelRequest, FlattenResult, ModifyRequest, OrderIntent, OrderRow, PlaceResult, PositionRow, ReattachRequest, PrepareRequest, PrepareResult, TradingStatus } from './features/trading';
import { RiskLimits, RiskLimitsPatch } from '../domain/risk/limits';

const none = z.undefined();

/**
 * Every call the renderer may make: `feature:verb` → zod input and output.
 * Inputs are parsed in main before any service sees them; outputs are checked before they leave.
 */
export const calls = {
  'app:info': { input: none, output: AppInfo },

  'settings:get': { input: none, output: Settings },
  'settings:update': { input: SettingsPatch, output: Settings },

  'broker:status': { input: none, output: BrokerStatus },
  'broker:reconnect': { input: none, output: BrokerStatus },

  'scanner:snapshot': { input: none, output: ScannerSnapshot },

  'recorder:status': { input: none, output: RecorderStatus },
  'recorder:start': { input: SymbolList, output: RecorderStatus },
  'recorder:stop': { input: OneSymbol, output: RecorderStatus },
  'recorder:stopAll': { input: none, output: RecorderStatus },
  'recorder:promote': { input: OneSymbol, output: RecorderStatus },
  'recorder:reorder': { input: SymbolList, output: RecorderStatus },
  'recorder:sessions': {
    input: z.object({ symbol: OneSymbol.shape.symbol.optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
    output: z.array(RecordingSummary),
  },

  'depth:watch': { input: OneSymbol, output: z.object({ symbol: z.string(), source: z.enum(['recording', 'live', 'none']), reason: z.string().nullable() }) },
  'depth:unwatch': { input: OneSymbol, output: z.null() },

  'chart:bars': { input: BarsRequest, output: BarsResponse },
  'chart:watch': { input: ChartWatch, output: z.null() },
  'chart:unwatch': { input: ChartWatch, output: z.null() },

  'gateway:detect': { input: none, output: GatewayDetection },
  'gateway:launch': { input: GatewayLaunchRequest, output: GatewayStatus },
  'gateway:status': { input: none, output: GatewayStatus },
  'gateway:cancel': { input: none, output: GatewayStatus },
  'instrument:resolve': { input: InstrumentQueryInput, output: ResolvedInstrument },
  'replay:sessions': { input: ReplaySessionsQuery, output: z.array(ReplaySessionInfo) },
  'replay:open': { input: ReplayOpen, output: ReplayInfo },
  'replay:seek': { input: ReplaySeek, output: ReplayFrame },
  'replay:step': { input: ReplayStep, output: ReplayFrame },
  'replay:play': { input: ReplayPlay, output: ReplayFrame },
  'replay:pause': { input: ReplayRef, output: ReplayFrame },
  'replay:close': { input: ReplayRef, output: z.null() },
  'replay:events': { input: ReplayEventsQuery, output: ReplayEvents },
  'replay:eventColumns': { input: ReplayEventsQuery, output: ReplayEventColumns },
  'replay:trades': { input: ReplayRef, output: ReplayTrades },
  'replay:analysis': { input: ReplayAnalysisQuery, output: ReplayAnalysis },
  'history:trips': { input: HistoryRange, output: z.array(RoundTrip) },
  'history:fills': { input: HistoryRange, output: z.array(Fill) },
  'history:stats': { input: HistoryRange, output: HistoryStatsResult },
  'history:import': { input: HistoryImportRequest, output: HistoryImportResult },
  'history:flexStatus': { input: none, output: FlexStatus },
  'history:setFlex': { input: FlexSettingsInput, output: FlexStatus },

  'reports:build': { input: ReportBuildRequest, output: ReportBuildResult },

  'scheduler:status': { input: none, output: SchedulerStatus },
  'backfill:plan': { input: BackfillSpecInput, output: BackfillPlanPreview },
  'backfill:start': { input: BackfillSpecInput, output: BackfillJobInfo },
  'backfill:pause': { input: BackfillJobRef, output: BackfillJobInfo },
  'backfill:resume': { input: BackfillJobRef, output: BackfillJobInfo },
  'backfill:cancel': { input: BackfillJobRef, output: BackfillJobInfo },
  'backfill:jobs': { input: none, output: z.array(BackfillJobInfo) },
  'databento:status': { input: none, output: DatabentoStatus },
  'databento:setKey': { input: DatabentoKeyInput, output: DatabentoStatus },
  'databento:cost': { input: DatabentoRequest, output: DatabentoCost },
  'databento:import': { input: DatabentoImportInput, output: DatabentoImportResult },
  'backfill:hits': { input: BackfillHitsQuery, output: BackfillHits },
  'research:export': { input: ResearchExportRequest, output: ResearchExportResult },
  'research:query': { input: ResearchQueryRequest, output: ResearchQueryResult },
  'research:examples': { input: none, output: z.array(ResearchExample) },
  'trading:status': { input: none, output: TradingStatus },
  'trading:arm': { input: ArmRequest, output: TradingStatus },
  'trading:disarm': { input: none, output: TradingStatus },
  'trading:reduce': { input: none, output: TradingStatus },
  'trading:acknowledge': { input: none, output: TradingStatus },
  'trading:limits': { input: none, output: RiskLimits },
  'trading:setLimits': { input: RiskLimitsPatch, output: RiskLimits },
  'orders:place': { input: OrderIntent, output: PlaceResult },
  'orders:cancel': { input: CancelRequest, output: OrderRow },
  'orders:reattachStop': { input: ReattachRequest, output: PlaceResult },
  'orders:prepare': { input: PrepareRequest, output: PrepareResult },
  'orders:modify': { input: ModifyRequest, output: OrderRow },
  'orders:cancelAll': { input: none, output: z.object({ working: z.number().int() }) },
  'orders:flattenAll': { input: none, output: FlattenResult },
  'orders:list': { input: none, output: z.array(OrderRow) },
  'positions:list': { input: none, output: z.array(PositionRow) },
  'audit:list': { input: AuditQuery.optional(), output: z.array(AuditEntry) },
} as const satisfies Record<`${string}:${string}`, { input: z.ZodType; output: z.ZodType }>;

export type Calls = typeof calls;
export type CallName = keyof Calls;
export const CALL_NAMES = Object.keys(calls) as CallName[];
/** What a caller passes. */
export type CallInput<K extends CallName> = z.input<Calls[K]['input']>;
/** What a handler receives after parsing. */
export type CallParsed<K extends CallName> = z.output<Calls[K]['input']>;
export type CallOutput<K extends CallName> = z.output<Calls[K]['output']>;

export const isCallName = (name: unknown): name is CallName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(calls, name);
