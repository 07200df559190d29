import type { HandlersFor } from '../handler-types'
import type { dispute_commands } from '../commands/disputes'

export const dispute_handlers: HandlersFor<typeof dispute_commands> = {}
