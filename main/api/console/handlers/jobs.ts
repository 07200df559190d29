import { RequestError } from '../../../errors'
import { audit } from '../../../staff/audit'
import { staffOf, type HandlersFor } from '../handler-types'
import type { job_commands } from '../commands/jobs'

export const job_handlers: HandlersFor<typeof job_commands> = {
  'jobs.list': (ctx) => {
    const rows = ctx.jobs.status()
    return { rows, total: rows.length }
  },
  'jobs.run_now': (ctx, input, caller) => {
    if (!ctx.jobs.status().some((j) => j.name === input.name)) throw new RequestError('not_found', `there is no job "${input.name}"`)
    // The run is audited before it starts, so a job that moves money is traced to who asked.
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'job.run_now', subject: input.name })
    let outcome: Record<string, unknown> | null
    try {
      outcome = ctx.jobs.runNow(input.name)
    } catch (error) {
      throw new RequestError('refused', error instanceof Error ? error.message : String(error))
    }
    const job = ctx.jobs.status().find((j) => j.name === input.name)
    if (!job) throw new Error(`job ${input.name} vanished while running`)
    return { job, outcome_json: JSON.stringify(outcome ?? {}) }
  },
}
