export { createSimMarket, defaultStartTime } from './market';
export { SIM_SCAN_CODES, MAX_SCAN_ROWS } from './scanner';
export { SMART_VENUES } from './book-process';
export { loadIbDepthOps, parseIbDepthOps, loadLobsterBook, parseLobsterBook } from './fixture-ops';
export type { IbDepthOpRow, LobsterSnapshot } from './fixture-ops';
export { REPLAY_LOADERS, loadReplaySource } from './replay-source';
export type { ReplayLoader, ReplaySource, ReplayOp, ReplayTrade } from './replay-source';
export type * from './types';
