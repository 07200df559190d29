import type { HostContext } from '../host/context'

/** Placeholder until main/settlement lands: the settlement job does nothing yet. */
export function settleDueMerchants(_ctx: HostContext, _now: Date): Record<string, unknown> | null {
  return null
}
