import type { HandlersFor } from '../handler-types'
import type { merchant_commands } from '../commands/merchants'

export const merchant_handlers: HandlersFor<typeof merchant_commands> = {}
