import type { CommandSpecs } from '../schemas'

/** The billing commands of the console contract (issue 4). */
export const billing_commands = {} as const satisfies CommandSpecs
