import type { CommandSpecs } from '../schemas'

/** The disputes commands of the console contract (issue 4). */
export const dispute_commands = {} as const satisfies CommandSpecs
