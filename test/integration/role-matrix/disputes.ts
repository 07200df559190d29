import type { StaffRole } from '../../../main/api/console/contract'
import type { dispute_commands } from '../../../main/api/console/commands/disputes'
import type { DemoApp } from '../demo-app'

/**
 * An input for every disputes command, for the role matrix in console-api.test.ts: each role
 * sends it, and must be answered 200 where mayCall allows and 403 (nothing changed) where not.
 * Set up here whatever the inputs need, one object per role where a command consumes it.
 */
export function disputeInputs(_t: DemoApp): Record<keyof typeof dispute_commands, (role: StaffRole) => unknown> {
  return {}
}
