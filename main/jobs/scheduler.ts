import type { Database } from 'better-sqlite3'
import type { Clock } from '../clock'
import { statement } from '../store/statements'

/**
 * A job the host runs on its own. `run` must be safe to repeat: its work is keyed by its data
 * (a bill per customer and cycle, a batch line per transfer, a void per hold), so running it
 * twice, or again after a crash half-way, does nothing twice; and it must catch up every
 * period that passed while the host was down. It answers what it did, or null for nothing.
 */
export interface Job {
  name: string
  /** What the job does, for the settings screen. */
  description: string
  every_ms: number
  run(now: Date): Record<string, unknown> | null
}

export interface JobStatus {
  name: string
  description: string
  every_ms: number
  last_run_at: string | null
  last_status: 'done' | 'failed' | null
  last_outcome_json: string | null
  /** The last run that did something or failed, as recorded in job_runs. */
  last_recorded_at: string | null
}

/**
 * Runs the host's jobs on their intervals, one at a time (the database has one writer). Runs
 * that did something, and failures, are written to job_runs; runs that found nothing to do
 * are only remembered in memory, so an idle host does not fill the table.
 */
export class Scheduler {
  private readonly jobs = new Map<string, { job: Job; next_at_ms: number; last_run_at: string | null; last_status: 'done' | 'failed' | null; last_outcome_json: string | null }>()
  private timer: NodeJS.Timeout | null = null

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    /** Where runs that did something, and failures, are told; the host sets its own log. */
    public log: (line: string) => void = () => {},
  ) {}

  add(job: Job): void {
    if (this.jobs.has(job.name)) throw new Error(`job ${job.name} is already scheduled`)
    this.jobs.set(job.name, { job, next_at_ms: 0, last_run_at: null, last_status: null, last_outcome_json: null })
  }

  /**
   * Starts ticking. A run left 'running' by a crash is marked failed first: its work was in
   * its own transactions, so what it committed stands and what it did not is redone now.
   */
  start(tick_ms = 1_000): void {
    statement(this.db, "UPDATE job_runs SET status = 'failed', finished_at = ?, outcome_json = ? WHERE status = 'running'").run(
      this.clock.now().toISOString(),
      JSON.stringify({ error: 'the host stopped during this run; the next run redid what it had not committed' }),
    )
    this.runDue()
    this.timer = setInterval(() => this.runDue(), tick_ms)
    this.timer.unref()
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Runs every job whose time has come; the first tick after start runs them all (catch-up). */
  runDue(): void {
    const now_ms = this.clock.now().getTime()
    for (const entry of this.jobs.values()) {
      if (entry.next_at_ms > now_ms) continue
      entry.next_at_ms = now_ms + entry.job.every_ms
      this.runOne(entry.job.name)
    }
  }

  /** Runs one job now (staff's "Run now", and tests). Returns what it did, or throws its error. */
  runNow(name: string): Record<string, unknown> | null {
    const entry = this.jobs.get(name)
    if (!entry) throw new Error(`there is no job ${name}`)
    const outcome = this.runOne(name)
    if (entry.last_status === 'failed') throw new Error(`job ${name} failed: ${entry.last_outcome_json}`)
    return outcome
  }

  status(): JobStatus[] {
    return [...this.jobs.values()].map(({ job, last_run_at, last_status, last_outcome_json }) => {
      const recorded = statement(this.db, 'SELECT started_at FROM job_runs WHERE job = ? ORDER BY id DESC LIMIT 1').get(job.name) as { started_at: string } | undefined
      return {
        name: job.name,
        description: job.description,
        every_ms: job.every_ms,
        last_run_at,
        last_status,
        last_outcome_json,
        last_recorded_at: recorded?.started_at ?? null,
      }
    })
  }

  private runOne(name: string): Record<string, unknown> | null {
    const entry = this.jobs.get(name)
    if (!entry) throw new Error(`there is no job ${name}`)
    const started = this.clock.now()
    const { id } = statement(this.db, "INSERT INTO job_runs (job, started_at, status) VALUES (?, ?, 'running') RETURNING id").get(name, started.toISOString()) as { id: number }
    entry.last_run_at = started.toISOString()
    try {
      const outcome = entry.job.run(started)
      entry.last_status = 'done'
      entry.last_outcome_json = JSON.stringify(outcome ?? {})
      if (outcome === null) {
        // Nothing done: forget the run rather than keep a row per tick.
        statement(this.db, 'DELETE FROM job_runs WHERE id = ?').run(id)
      } else {
        statement(this.db, "UPDATE job_runs SET status = 'done', finished_at = ?, outcome_json = ? WHERE id = ?").run(this.clock.now().toISOString(), entry.last_outcome_json, id)
        this.log(`job ${name}: ${entry.last_outcome_json}`)
      }
      return outcome
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      entry.last_status = 'failed'
      entry.last_outcome_json = JSON.stringify({ error: message })
      statement(this.db, "UPDATE job_runs SET status = 'failed', finished_at = ?, outcome_json = ? WHERE id = ?").run(this.clock.now().toISOString(), entry.last_outcome_json, id)
      this.log(`job ${name} failed: ${error instanceof Error ? (error.stack ?? message) : message}`)
      return null
    }
  }
}
