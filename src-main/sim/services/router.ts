/** Message id → handler. Each feature module registers its own handlers. */
import type { IbFieldReader } from '../protocol/fields';
import type { SimSession } from './session';

export type SimHandler = (s: SimSession, r: IbFieldReader) => void;
export type SimRoutes = Map<number, SimHandler>;
