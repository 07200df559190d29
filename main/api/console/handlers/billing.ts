import type { HandlersFor } from '../handler-types'
import type { billing_commands } from '../commands/billing'

export const billing_handlers: HandlersFor<typeof billing_commands> = {}
