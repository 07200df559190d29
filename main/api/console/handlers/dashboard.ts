import type { HandlersFor } from '../handler-types'
import type { dashboard_commands } from '../commands/dashboard'
import { dashboard } from '../../../dashboard/dashboard'

export const dashboard_handlers: HandlersFor<typeof dashboard_commands> = {
  'dashboard.get': (ctx) => dashboard(ctx.db, ctx.clock.now()),
}
