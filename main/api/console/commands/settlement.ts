import type { CommandSpecs } from '../schemas'

/** The settlement commands of the console contract (issue 4). */
export const settlement_commands = {} as const satisfies CommandSpecs
