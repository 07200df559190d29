import type { HostContext } from '../host/context'

/** Placeholder until main/billing lands: the billing job does nothing yet. */
export function closeDueBills(_ctx: HostContext, _now: Date): Record<string, unknown> | null {
  return null
}
