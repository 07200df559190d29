import type { CommandSpecs } from '../schemas'

/** The merchants commands of the console contract (issue 4). */
export const merchant_commands = {} as const satisfies CommandSpecs
