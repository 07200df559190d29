/**
 * Plug and unplug, noticed by listing devices on a bounded poll rather than by reacting
 * to every OS event: USB enumeration makes devices flicker in and out for a moment, and
 * node-hid has no hot-plug events anyway. A device is added after it has been present
 * in `debounce_listings` consecutive listings and removed after it has been absent from
 * as many. At most one listing runs at a time, and polling stops when the last watcher
 * leaves.
 */

export interface ListingWatchOptions {
  poll_interval_ms: number
  debounce_listings: number
  log: (line: string) => void
}

export interface ListingEvent<T> {
  type: 'add' | 'remove'
  item: T
}

export const poll_interval_ms_default = 1_000
export const debounce_listings_default = 2

export class ListingWatch<T> {
  private readonly subscribers = new Set<(event: ListingEvent<T>) => void>()
  /** What watchers have been told is present. */
  private stable = new Map<string, T>()
  /** Consecutive listings that disagreed with `stable` about a key. */
  private streaks = new Map<string, number>()
  private baseline_taken = false
  private timer: ReturnType<typeof setTimeout> | null = null
  private listing_in_flight = false
  /** Bumped when watching stops, so a listing that finishes afterwards is ignored. */
  private generation = 0

  constructor(
    private readonly list: () => Promise<T[]>,
    private readonly key: (item: T) => string,
    private readonly options: ListingWatchOptions,
  ) {
    if (!(options.poll_interval_ms > 0)) throw new Error(`ListingWatch: poll_interval_ms must be positive, got ${options.poll_interval_ms}`)
    if (!Number.isInteger(options.debounce_listings) || options.debounce_listings < 1) {
      throw new Error(`ListingWatch: debounce_listings must be a positive integer, got ${options.debounce_listings}`)
    }
  }

  subscribe(listener: (event: ListingEvent<T>) => void): () => void {
    this.subscribers.add(listener)
    if (this.subscribers.size === 1) {
      this.poll()
    } else if (this.baseline_taken) {
      // A late watcher still hears about every device already present, as the first one did.
      const present = [...this.stable.values()]
      queueMicrotask(() => {
        if (!this.subscribers.has(listener)) return
        for (const item of present) listener({ type: 'add', item })
      })
    }
    return () => {
      this.subscribers.delete(listener)
      if (this.subscribers.size === 0) this.stop()
    }
  }

  private stop(): void {
    this.generation += 1
    if (this.timer !== null) clearTimeout(this.timer)
    this.timer = null
    this.stable = new Map()
    this.streaks = new Map()
    this.baseline_taken = false
    this.listing_in_flight = false
  }

  private poll(): void {
    if (this.listing_in_flight) return
    this.listing_in_flight = true
    const generation = this.generation
    this.list().then(
      (items) => {
        if (generation !== this.generation) return
        this.listing_in_flight = false
        this.apply(items)
        this.schedule()
      },
      (error: unknown) => {
        if (generation !== this.generation) return
        this.listing_in_flight = false
        // One failed listing says nothing about what is plugged in: keep the last state.
        this.options.log(`card readers: listing devices failed: ${error instanceof Error ? error.message : String(error)}`)
        this.schedule()
      },
    )
  }

  private schedule(): void {
    if (this.subscribers.size === 0) return
    this.timer = setTimeout(() => {
      this.timer = null
      this.poll()
    }, this.options.poll_interval_ms)
  }

  private apply(items: T[]): void {
    const listed = new Map(items.map((item) => [this.key(item), item]))
    if (!this.baseline_taken) {
      // Devices present when watching starts are already settled: report them at once.
      this.baseline_taken = true
      this.stable = listed
      for (const item of listed.values()) this.emit({ type: 'add', item })
      return
    }
    const changed_keys = new Set<string>()
    for (const [key, item] of listed) if (!this.stable.has(key)) changed_keys.add(key)
    for (const key of this.stable.keys()) if (!listed.has(key)) changed_keys.add(key)
    // A key that agrees with `stable` again loses its streak: the flicker is over.
    for (const key of this.streaks.keys()) if (!changed_keys.has(key)) this.streaks.delete(key)
    for (const key of changed_keys) {
      const streak = (this.streaks.get(key) ?? 0) + 1
      if (streak < this.options.debounce_listings) {
        this.streaks.set(key, streak)
        continue
      }
      this.streaks.delete(key)
      const added = listed.get(key)
      const removed = this.stable.get(key)
      if (added !== undefined) {
        this.stable.set(key, added)
        this.emit({ type: 'add', item: added })
      } else if (removed !== undefined) {
        this.stable.delete(key)
        this.emit({ type: 'remove', item: removed })
      }
    }
  }

  private emit(event: ListingEvent<T>): void {
    for (const subscriber of [...this.subscribers]) {
      try {
        subscriber(event)
      } catch (error) {
        // A watcher's bug must not stop the poll for the others; rethrown so it still crashes loudly.
        queueMicrotask(() => {
          throw error
        })
      }
    }
  }
}
