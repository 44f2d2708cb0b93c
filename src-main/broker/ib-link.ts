/** What the stream and request services need from the live connection, without owning it. */
import type { IBApi } from '@stoqey/ib';
import type { Logger } from '../platform/log';

export interface IbLink {
  /** Queues a request on the rate-limited outgoing queue; dropped if the socket dies first. */
  send(fn: (api: IBApi) => void): void;
  /** Socket up and handshake done (connected or degraded). */
  isUp(): boolean;
  now(): number;
  nextReqId(): number;
  readonly log: Logger;
}
