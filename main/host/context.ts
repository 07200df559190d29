import type { Database } from '../store/database'
import type { Clock } from '../clock'
import { Ledger } from '../ledger/transfers'
import { Requests } from '../ledger/requests'
import { PayerSessions } from '../customers/payer-sessions'
import { StaffSessions } from '../staff/staff'
import { Purchases } from '../payments/purchase'
import { hostSecret } from './settings'

/**
 * Everything a request handler needs, made once per host. The same context serves the
 * console API, the merchant API, the CLI and the tests: no handler reaches for globals.
 */
export interface HostContext {
  db: Database
  clock: Clock
  ledger: Ledger
  requests: Requests
  payers: PayerSessions
  staff_sessions: StaffSessions
  purchases: Purchases
}

export function createContext(db: Database, clock: Clock): HostContext {
  const ledger = new Ledger(db)
  const requests = new Requests(db)
  const payers = new PayerSessions(db, clock, hostSecret(db))
  return {
    db,
    clock,
    ledger,
    requests,
    payers,
    staff_sessions: new StaffSessions(db, clock),
    purchases: new Purchases(db, clock, ledger, requests, payers),
  }
}
