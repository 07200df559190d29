/**
 * A small typed event emitter: each event name has one payload type, and `on` returns
 * the function that unsubscribes, which is what a pairing layer keeps.
 *
 * A listener that throws is a programmer error in the listener. It is rethrown on a
 * fresh microtask so it crashes loudly as an uncaught exception, instead of unwinding
 * into node-hid's read loop, which would turn it into a device "error" and so into a
 * false unplug.
 */

type ListenerSets<Events> = { [K in keyof Events]?: Set<(payload: Events[K]) => void> }

export class TypedEmitter<Events extends object> {
  private listeners: ListenerSets<Events> = {}

  on<K extends keyof Events>(event: K, listener: (payload: Events[K]) => void): () => void {
    const set = this.listeners[event] ?? new Set<(payload: Events[K]) => void>()
    this.listeners[event] = set
    set.add(listener)
    return () => {
      set.delete(listener)
    }
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.listeners[event]
    if (!set) return
    for (const listener of [...set]) {
      try {
        listener(payload)
      } catch (error) {
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }

  listenerCount(event: keyof Events): number {
    return this.listeners[event]?.size ?? 0
  }

  removeAllListeners(): void {
    this.listeners = {}
  }
}
