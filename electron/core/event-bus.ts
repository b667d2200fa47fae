import type { EventEnvelope, EventName, EventPayload } from '../../shared/contract';

export type EventListener = (envelope: EventEnvelope) => void;

/** Fans core events out to every attached transport (one Electron window, several browser tabs). */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    const envelope = { name, payload } as EventEnvelope;
    for (const listener of this.listeners) listener(envelope);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
