import type { StaffRole } from '../../../main/api/console/contract'
import type { job_commands } from '../../../main/api/console/commands/jobs'
import type { DemoApp } from '../demo-app'

/** Inputs for the jobs commands in the role matrix: hold expiry is safe to run at any time. */
export function jobInputs(_t: DemoApp): Record<keyof typeof job_commands, (role: StaffRole) => unknown> {
  return {
    'jobs.list': () => ({}),
    'jobs.run_now': () => ({ name: 'hold_expiry' }),
  }
}
