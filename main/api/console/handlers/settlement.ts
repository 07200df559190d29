import type { HandlersFor } from '../handler-types'
import type { settlement_commands } from '../commands/settlement'

export const settlement_handlers: HandlersFor<typeof settlement_commands> = {}
