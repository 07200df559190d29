import type { HandlersFor } from '../handler-types'
import type { dashboard_commands } from '../commands/dashboard'

export const dashboard_handlers: HandlersFor<typeof dashboard_commands> = {}
