import type { StaffRole } from '../../../main/api/console/contract'
import type { settlement_commands } from '../../../main/api/console/commands/settlement'
import type { DemoApp } from '../demo-app'

/**
 * An input for every settlement command, for the role matrix in console-api.test.ts: each role
 * sends it, and must be answered 200 where mayCall allows and 403 (nothing changed) where not.
 * Set up here whatever the inputs need, one object per role where a command consumes it.
 */
export function settlementInputs(_t: DemoApp): Record<keyof typeof settlement_commands, (role: StaffRole) => unknown> {
  return {}
}
