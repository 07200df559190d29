import type { CommandSpecs } from '../schemas'

/** The dashboard commands of the console contract (issue 4). */
export const dashboard_commands = {} as const satisfies CommandSpecs
