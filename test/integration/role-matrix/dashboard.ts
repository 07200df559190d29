import type { StaffRole } from '../../../main/api/console/contract'
import type { dashboard_commands } from '../../../main/api/console/commands/dashboard'
import type { DemoApp } from '../demo-app'

/**
 * An input for every dashboard command, for the role matrix in console-api.test.ts: each role
 * sends it, and must be answered 200 where mayCall allows and 403 (nothing changed) where not.
 * Set up here whatever the inputs need, one object per role where a command consumes it.
 */
export function dashboardInputs(_t: DemoApp): Record<keyof typeof dashboard_commands, (role: StaffRole) => unknown> {
  return { 'dashboard.get': () => ({}) }
}
