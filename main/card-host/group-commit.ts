import type { Database } from 'better-sqlite3'

/** Most requests one commit carries; more wait for the next one. */
export const group_size_max = 256

interface Pending<T, R> {
  item: T
  reply: (result: R) => void
}

/**
 * Group commit: requests that arrive while the event loop is busy are processed together
 * in one transaction, so one durable commit (one fsync) serves them all; their answers are
 * released only after that commit. A host killed before the commit has sent none of them,
 * and a terminal that got an answer can rely on it having been written.
 */
export class GroupCommit<T, R> {
  private queue: Array<Pending<T, R>> = []
  private scheduled = false

  constructor(
    private readonly db: Database,
    private readonly process: (item: T) => R,
    /** Answers for the whole group when the commit itself fails (nothing was written). */
    private readonly onCommitFailure: (item: T, error: unknown) => R,
  ) {}

  submit(item: T, reply: (result: R) => void): void {
    this.queue.push({ item, reply })
    if (!this.scheduled) {
      this.scheduled = true
      setImmediate(() => this.flush())
    }
  }

  private flush(): void {
    this.scheduled = false
    const group = this.queue.splice(0, group_size_max)
    if (this.queue.length > 0) {
      this.scheduled = true
      setImmediate(() => this.flush())
    }
    if (group.length === 0) return
    let results: R[]
    try {
      results = this.db.transaction(() => group.map((pending) => this.process(pending.item))).immediate()
    } catch (error) {
      results = group.map((pending) => this.onCommitFailure(pending.item, error))
    }
    // Only now, after the commit, do the answers go out.
    group.forEach((pending, index) => pending.reply(results[index] as R))
  }
}
