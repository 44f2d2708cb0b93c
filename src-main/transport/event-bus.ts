import { events, type EventName, type EventPayload } from '../../src-shared/contract/events';
import type { Disposable } from '../platform/disposable';
import type { Logger } from '../platform/log';

export type EventListener = (name: EventName, payload: unknown) => void;

/** Fans main-process events out to every carrier (Electron windows, WebSocket clients). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();
  /** Under tests every payload is checked against its schema so a wrong shape fails loudly. */
  private readonly strict = Boolean(process.env.VITEST || process.env.TAPEDECK_STRICT_EVENTS);

  constructor(private readonly log: Logger) {}

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    if (this.strict) {
      const parsed = events[name].safeParse(payload);
      if (!parsed.success) {
        this.log.error('event payload failed its schema', { event: name, issue: parsed.error.issues[0]?.message });
        return;
      }
    }
    for (const listener of this.listeners) {
      try {
        listener(name, payload);
      } catch (e) {
        this.log.warn('event listener threw', { event: name, error: String(e) });
      }
    }
  }

  subscribe(listener: EventListener): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }
}
