/** Who is signed in and at which bank, for any screen that needs the role or the bank's name. */
import { createContext, useContext } from 'react'
import type { BankView, ConsoleCommand, StaffView } from '../../main/api/console/contract'
import { mayCall } from '../../main/api/console/contract'

export interface Session {
  staff: StaffView
  bank: BankView
}

export const SessionContext = createContext<Session | null>(null)

export function useSession(): Session {
  const session = useContext(SessionContext)
  if (session === null) throw new Error('useSession is only for screens shown after sign-in')
  return session
}

/** Whether the signed-in role may send a command; the UI hides what the host would refuse. */
export function useMayCall(command: ConsoleCommand): boolean {
  return mayCall(useSession().staff.role, command)
}
