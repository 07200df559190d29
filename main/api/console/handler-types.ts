import type { z } from 'zod'
import type { HostContext } from '../../host/context'
import type { StaffRow } from '../../staff/staff'
import type { CommandSpecs } from './schemas'

/** What a handler gets besides its input: the host, and who is calling (null only for login). */
export interface Caller {
  staff: StaffRow | null
  /** Set by session.login for the transport to turn into a cookie. */
  issueSession?: (token: string) => void
  endSession?: () => void
}

/** One handler per command of a command map; exports may answer asynchronously. */
export type HandlersFor<M extends CommandSpecs> = {
  [C in keyof M]: (ctx: HostContext, input: z.output<M[C]['input']>, caller: Caller) => z.infer<M[C]['output']> | Promise<z.infer<M[C]['output']>>
}

export function staffOf(caller: Caller): StaffRow {
  if (!caller.staff) throw new Error('handler reached without a staff session')
  return caller.staff
}
