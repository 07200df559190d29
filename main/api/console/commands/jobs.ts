import { z } from 'zod'
import { iso_time, list, type CommandSpecs } from '../schemas'

export const job_view = z.object({
  name: z.string(),
  description: z.string(),
  every_ms: z.number().int(),
  /** The last run since the host started, done or failed; null before the first. */
  last_run_at: iso_time.nullable(),
  last_status: z.enum(['done', 'failed']).nullable(),
  last_outcome_json: z.string().nullable(),
  /** The last run that did something or failed, kept across restarts in job_runs. */
  last_recorded_at: iso_time.nullable(),
})
export type JobView = z.infer<typeof job_view>

/** The host's scheduled jobs: what they are, when they last ran, and running one now. */
export const job_commands = {
  'jobs.list': { input: z.object({}).strict(), output: list(job_view), roles: ['administrator', 'supervisor', 'auditor'] },
  'jobs.run_now': {
    input: z.object({ name: z.string().min(1).max(60) }).strict(),
    output: z.object({ job: job_view, outcome_json: z.string() }),
    roles: ['administrator', 'supervisor'],
  },
} as const satisfies CommandSpecs
