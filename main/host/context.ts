import type { Database } from '../store/database'
import type { Clock } from '../clock'
import { Ledger } from '../ledger/transfers'
import { Requests } from '../ledger/requests'
import { PayerSessions } from '../customers/payer-sessions'
import { StaffSessions } from '../staff/staff'
import { Purchases } from '../payments/purchase'
import { hostSecret } from './settings'
import { Handover } from './handover'
import { randomBytes } from 'node:crypto'
import { master_key_bytes } from '../cards/master-key'
import { Scheduler } from '../jobs/scheduler'
import { hostJobs } from '../jobs/host-jobs'

/**
 * Everything a request handler needs, made once per host. The same context serves the
 * console API, the merchant API, the CLI and the tests: no handler reaches for globals.
 */
export interface HostContext {
  db: Database
  clock: Clock
  /** Wraps the bank's card keys and terminal PIN keys; never stored in the database. */
  master_key: Buffer
  /** Keys payer pseudonyms and card PAN lookups. */
  host_secret: string
  /** Card plastics and terminal keys go to the emulators through this, never to the database. */
  handover: Handover
  ledger: Ledger
  requests: Requests
  payers: PayerSessions
  staff_sessions: StaffSessions
  purchases: Purchases
  /** The host's scheduled jobs (main/jobs/host-jobs.ts); started only by startHost, so tests run them by hand. */
  jobs: Scheduler
}

export function createContext(db: Database, clock: Clock, master_key: Buffer = randomBytes(master_key_bytes)): HostContext {
  const ledger = new Ledger(db)
  const requests = new Requests(db)
  const host_secret = hostSecret(db)
  const payers = new PayerSessions(db, clock, host_secret)
  const ctx: HostContext = {
    db,
    clock,
    master_key,
    host_secret,
    handover: new Handover(),
    ledger,
    requests,
    payers,
    staff_sessions: new StaffSessions(db, clock),
    purchases: new Purchases(db, clock, ledger, requests, payers),
    jobs: new Scheduler(db, clock),
  }
  // Registered here, started only by startHost: tests and the CLI run them by hand.
  for (const job of hostJobs(ctx)) ctx.jobs.add(job)
  return ctx
}
