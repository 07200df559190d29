import { existsSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { openDatabase, projectRoot } from '../store/database'
import { systemClock, type Clock } from '../clock'
import { httpApp } from '../api/http'
import { createContext, type HostContext } from './context'
import { loadMasterKey } from '../cards/master-key'
import { startCardHost } from '../card-host/server'
import { bankKeys } from '../cards/bank-keys'
import { seedDemoBank, type DemoCredentials } from './demo'
import { demo_history_days, playDemoHistory } from './demo-history'
import { createStaff } from '../staff/staff'
import { randomToken } from '../security/secrets'
import { startTerminalService, type TerminalService } from '../../devices/terminals/service'
import { terminalApp } from '../../devices/terminals/http'
import { emulatorReceiver } from '../../devices/terminals/handover'
import { startReaderService } from '../../devices/readers/start-reader-service'
import { readerApp } from '../../devices/readers/http'
import { currency } from '../payments/thresholds'

export interface HostOptions {
  db_path: string
  /** 0 picks a free port. */
  http_port: number
  /** The ISO 8583 port for terminals; none when undefined, 0 picks a free port. */
  iso_port?: number
  /** Loopback by default: a second desk on the network is a deliberate choice. */
  http_host?: string
  /** Seed the demo bank into a brand-new database and write `<db>.demo.json`. */
  demo: boolean
  renderer_dir?: string
  clock?: Clock
  log?: (line: string) => void
}

export interface RunningHost {
  ctx: HostContext
  http_url: string
  /** Where terminals connect (ISO 8583 over TCP), when the card host runs. */
  iso_port: number | null
  demo_file: string | null
  close(): Promise<void>
}

export function demoFileOf(db_path: string): string {
  return `${db_path}.demo.json`
}

/**
 * Starts the host: opens the database (integrity check, migrations), seeds the demo bank
 * when asked and the database is new, and serves HTTP. The same function runs under
 * `npm run host`, in Electron's utility process, and in end-to-end tests.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const log = options.log ?? ((line: string) => console.log(line))
  const clock = options.clock ?? systemClock
  const is_new = options.db_path === ':memory:' || !existsSync(options.db_path)
  const db = openDatabase(options.db_path, { clock })
  const ctx = createContext(db, clock, loadMasterKey(options.db_path))

  let demo_file: string | null = null
  let seeded: ReturnType<typeof seedDemoBank> | null = null
  if (options.demo && is_new) {
    seeded = seedDemoBank(ctx)
    const history = playDemoHistory(db, ctx.master_key, clock.now())
    log(`demo bank: ${demo_history_days} days of past business played (${history.purchases} purchases, ${history.bills} bills, ${history.batches} settlement batches)`)
    const { plastics: _handed_to_emulators, ...credentials } = seeded
    if (options.db_path !== ':memory:') {
      demo_file = demoFileOf(options.db_path)
      writeFileSync(demo_file, `${JSON.stringify(credentials satisfies DemoCredentials, null, 2)}\n`, { mode: 0o600 })
      log(`demo bank seeded; credentials written to ${demo_file}`)
    }
  } else if (options.demo && existsSync(demoFileOf(options.db_path))) {
    demo_file = demoFileOf(options.db_path)
  } else if (options.demo) {
    log(`${options.db_path} already exists and is not a demo database: not seeding it`)
  }
  ensureFirstAdministrator(ctx, log)
  // Unwrapping the card keys now makes a wrong master key fail at start-up, not at the first card.
  bankKeys(db, ctx.master_key, clock.now().toISOString())

  const hostname = options.http_host ?? '127.0.0.1'
  const card_host = options.iso_port === undefined ? null : await startCardHost(ctx, { port: options.iso_port, host: hostname, log })
  // The emulated terminals run beside the card host they test, as its ISO 8583 clients.
  const terminals = card_host === null ? null : await startTerminals(ctx, options.db_path, card_host.port, log)
  // Card readers feed the emulated terminals, so they run only where the terminals do.
  const readers =
    terminals === null
      ? null
      : await startReaderService({ pairing_file: options.db_path === ':memory:' ? null : `${options.db_path}.readers.json`, terminals, wallet: terminals.wallet, log })
  const app = httpApp(ctx, {
    renderer_dir: options.renderer_dir ?? path.join(projectRoot(), 'out', 'renderer'),
    log,
    ...(terminals !== null ? { devices: terminalApp(terminals, log) } : {}),
    ...(readers !== null ? { readers: readerApp(readers, log) } : {}),
  })
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: options.http_port, hostname }, () => resolve(s))
    s.once('error', reject)
  })
  // The scheduler logs through the host's log, so a failed job is seen where the host runs.
  ctx.jobs.log = log
  ctx.jobs.start()
  const port = (server.address() as AddressInfo).port
  const http_url = `http://${hostname}:${port}`
  if (seeded) deliverDemoDevices(ctx, seeded)
  return {
    ctx,
    http_url,
    iso_port: card_host?.port ?? null,
    demo_file,
    close: async () => {
      // Readers first, so no swipe reaches a terminal that is shutting down.
      await readers?.close()
      // The terminals' last save (their STAN counters) lands before the process may exit.
      await terminals?.close()
      await new Promise<void>((resolve) => {
        ctx.jobs.stop()
        void card_host?.close()
        server.close(() => {
          db.close()
          resolve()
        })
      })
    },
  }
}

/**
 * A new demo bank's terminals and cards go to the emulators, as a bank hands keys to its
 * technicians and cards to their holders. Nothing happens when no emulators run.
 */
function deliverDemoDevices(ctx: HostContext, seeded: ReturnType<typeof seedDemoBank>): void {
  for (const terminal of seeded.terminals) ctx.handover.terminalKey(terminal)
  for (const { label, plastic } of seeded.plastics) ctx.handover.plastic(plastic, label)
}

/**
 * The terminal service, its state (PIN keys, STAN counters, cassettes, wallet) beside the
 * database, and connected to the handover so new cards and terminal keys reach it.
 */
async function startTerminals(ctx: HostContext, db_path: string, iso_port: number, log: (line: string) => void): Promise<TerminalService> {
  const local_iso = { host: '127.0.0.1', port: iso_port }
  const service = await startTerminalService({ state_file: db_path === ':memory:' ? null : `${db_path}.terminals.json`, local_iso, log })
  ctx.handover.connect(
    emulatorReceiver(service, local_iso, (code) => {
      const found = currency(ctx.db, code)
      return found && { numeric: found.numeric, alpha: found.code, exponent: found.exponent }
    }),
  )
  return service
}

/** A database with no staff at all gets one administrator, whose password is shown once. */
function ensureFirstAdministrator(ctx: HostContext, log: (line: string) => void): void {
  const { n } = ctx.db.prepare('SELECT count(*) AS n FROM staff').get() as { n: number }
  if (n > 0) return
  const password = randomToken(12)
  createStaff(ctx.db, ctx.clock, { username: 'admin', display_name: 'Administrator', role: 'administrator', password })
  log(`no staff yet: created administrator "admin" with password ${password} (shown once)`)
}
