/**
 * The demo bank behind the real HTTP app, for the integration suites. seedDemoBank runs
 * once per test file (it hashes a dozen passwords); each test then gets its own copy of
 * that database through SQLite's serialize/deserialize: a real in-memory database built
 * by the real migrations and the real seeding code, with its own frozen clock.
 */
import { randomBytes } from 'node:crypto'
import BetterSqlite3 from 'better-sqlite3'
import type { Hono } from 'hono'
import type { Database } from '../../main/store/database'
import { FrozenClock } from '../../main/clock'
import { createContext, type HostContext } from '../../main/host/context'
import { seedDemoBank, type DemoCredentials } from '../../main/host/demo'
import { httpApp } from '../../main/api/http'
import { testDatabase } from '../support/db'
import { session_cookie } from '../../main/api/console/http'
import type { StaffRole } from '../../main/api/console/contract'

export const start_iso = '2026-11-02T09:00:00.000Z'

export interface DemoImage {
  image: Buffer
  credentials: DemoCredentials
  /** The image's bank keys are wrapped under this key, so every copy needs it. */
  master_key: Buffer
}

export function seedDemoImage(): DemoImage {
  const { db, clock } = testDatabase(start_iso)
  try {
    const master_key = randomBytes(32)
    const credentials = seedDemoBank(createContext(db, clock, master_key))
    return { image: db.serialize(), credentials, master_key }
  } finally {
    db.close()
  }
}

export interface DemoApp {
  db: Database
  clock: FrozenClock
  ctx: HostContext
  app: Hono
  credentials: DemoCredentials
  /** Every line the app logged (internal errors only). */
  logged: string[]
}

export function openDemoApp(demo: DemoImage): DemoApp {
  const db = new BetterSqlite3(demo.image)
  db.pragma('foreign_keys = ON')
  const clock = new FrozenClock(start_iso)
  const ctx = createContext(db, clock, demo.master_key)
  const logged: string[] = []
  const app = httpApp(ctx, { renderer_dir: '/nonexistent', log: (line) => logged.push(line) })
  return { db, clock, ctx, app, credentials: demo.credentials, logged }
}

/** Row counts and per-kind sums that any change of money or requests would move. */
export function dbSnapshot(db: Database): unknown {
  return {
    counts: db
      .prepare(
        `SELECT (SELECT count(*) FROM transfers) AS transfers, (SELECT count(*) FROM requests) AS requests,
           (SELECT count(*) FROM purchases) AS purchases, (SELECT count(*) FROM payer_sessions) AS payer_sessions,
           (SELECT count(*) FROM customers) AS customers, (SELECT count(*) FROM accounts) AS accounts,
           (SELECT count(*) FROM approval_requests) AS approval_requests`,
      )
      .get(),
    sums: db
      .prepare(
        `SELECT kind, currency, sum(debits_posted) AS dp, sum(credits_posted) AS cp, sum(debits_pending) AS dq, sum(credits_pending) AS cq
         FROM accounts GROUP BY kind, currency ORDER BY kind, currency`,
      )
      .all(),
    accounts: db.prepare('SELECT id, debits_posted, credits_posted, debits_pending, credits_pending, credit_limit_minor FROM accounts ORDER BY id').all(),
    approvals: db.prepare('SELECT id, status FROM approval_requests ORDER BY id').all(),
    cards: db.prepare('SELECT id, status FROM cards ORDER BY id').all(),
  }
}

/** A console API answer as the integration suites read it. */
export interface Answer {
  status: number
  body: { ok: true; data: Record<string, unknown> } | { ok: false; error: { code: string; message: string } }
  set_cookie: string | null
}

/** Sends one console command through the real HTTP app, with a session cookie or none. */
export async function send(t: DemoApp, command: string, input: unknown, cookie: string | null): Promise<Answer> {
  const headers: Record<string, string> = { 'content-type': 'application/json' }
  if (cookie !== null) headers.cookie = cookie
  const res = await t.app.request(`/console/api/${command}`, { method: 'POST', headers, body: JSON.stringify(input) })
  return { status: res.status, body: (await res.json()) as Answer['body'], set_cookie: res.headers.get('set-cookie') }
}

/** Signs in with a username and password; answers the `cookie` header to send back. */
export async function signInAs(t: DemoApp, username: string, password: string): Promise<string> {
  const answer = await send(t, 'session.login', { username, password }, null)
  const match = new RegExp(`${session_cookie}=([^;]+)`).exec(answer.set_cookie ?? '')
  if (answer.status !== 200 || !match?.[1]) throw new Error(`${username} could not sign in: ${answer.status} ${JSON.stringify(answer.body)}`)
  return `${session_cookie}=${match[1]}`
}

/** Signs in as the demo bank's login for a role. */
export async function signIn(t: DemoApp, role: StaffRole): Promise<string> {
  const staff = t.credentials.staff.find((s) => s.role === role)
  if (!staff) throw new Error(`no demo staff for ${role}`)
  return signInAs(t, staff.username, staff.password)
}
