/**
 * The host's scheduler: jobs run at start (catch-up) and then on their interval, a run that
 * did nothing leaves no row, a failure is recorded and does not stop the other jobs, and a run
 * left 'running' by a crash is marked failed at the next start.
 */
import { describe, expect, it } from 'vitest'
import { Scheduler, type Job } from '../../../main/jobs/scheduler'
import { testDatabase } from '../../support/db'

function rows(db: ReturnType<typeof testDatabase>['db']) {
  return db.prepare('SELECT job, status, outcome_json FROM job_runs ORDER BY id').all() as Array<{ job: string; status: string; outcome_json: string }>
}

describe('Scheduler', () => {
  it('runs every job at start, then each when its interval has passed', () => {
    const { db, clock } = testDatabase()
    const scheduler = new Scheduler(db, clock)
    const calls: string[] = []
    const job = (name: string, every_ms: number): Job => ({ name, description: name, every_ms, run: () => (calls.push(name), { did: name }) })
    scheduler.add(job('fast', 1_000))
    scheduler.add(job('slow', 60_000))
    scheduler.start(3_600_000) // the timer is not what this test drives
    expect(calls).toEqual(['fast', 'slow'])
    clock.advance(1_000)
    scheduler.runDue()
    expect(calls).toEqual(['fast', 'slow', 'fast'])
    clock.advance(59_000)
    scheduler.runDue()
    expect(calls).toEqual(['fast', 'slow', 'fast', 'fast', 'slow'])
    scheduler.stop()
    expect(rows(db).filter((r) => r.job === 'slow')).toHaveLength(2)
    expect(() => scheduler.add(job('fast', 1))).toThrow(/already scheduled/)
  })

  it('keeps no row for a run that did nothing, records a failure, and keeps going', () => {
    const { db, clock } = testDatabase()
    const log: string[] = []
    const scheduler = new Scheduler(db, clock, (line) => log.push(line))
    scheduler.add({ name: 'idle', description: '', every_ms: 1_000, run: () => null })
    scheduler.add({ name: 'broken', description: '', every_ms: 1_000, run: () => { throw new Error('disk on fire') } })
    scheduler.add({ name: 'busy', description: '', every_ms: 1_000, run: () => ({ closed: 2 }) })
    scheduler.runDue()
    expect(rows(db)).toEqual([
      { job: 'broken', status: 'failed', outcome_json: JSON.stringify({ error: 'disk on fire' }) },
      { job: 'busy', status: 'done', outcome_json: JSON.stringify({ closed: 2 }) },
    ])
    expect(log.some((line) => line.includes('job broken failed') && line.includes('disk on fire'))).toBe(true)
    expect(() => scheduler.runNow('broken')).toThrow(/disk on fire/)
    expect(scheduler.runNow('busy')).toEqual({ closed: 2 })
    expect(() => scheduler.runNow('nope')).toThrow(/no job nope/)
    const status = scheduler.status()
    expect(status.find((s) => s.name === 'idle')).toMatchObject({ last_status: 'done', last_recorded_at: null })
    expect(status.find((s) => s.name === 'broken')).toMatchObject({ last_status: 'failed' })
  })

  it("marks a run left 'running' by a crash as failed when the host starts again", () => {
    const { db, clock } = testDatabase()
    db.prepare("INSERT INTO job_runs (job, started_at, status) VALUES ('billing', ?, 'running')").run(clock.now().toISOString())
    const scheduler = new Scheduler(db, clock)
    scheduler.start(3_600_000)
    scheduler.stop()
    const [crashed] = rows(db)
    expect(crashed?.status).toBe('failed')
    expect(crashed?.outcome_json).toMatch(/host stopped during this run/)
  })
})
