/**
 * `npm run bench:iso`: PIN-verified ATM withdrawals per second through the real card host,
 * and their latency, against a floor.
 *
 * The host runs as its own process (`main/cli/host.ts`, as an operator starts it) on a file
 * database with durable commits (WAL, synchronous FULL, the host's default). Many emulated
 * terminals, one TCP connection each on loopback, each with one request in flight
 * (closed loop: the next withdrawal goes as soon as the answer comes), send 0200 cash
 * withdrawals with track 2 and a PIN block under the terminal's key. Latency is from the
 * write of a request to the decoding of its answer.
 *
 * The floor: a bare echo server (2-byte big-endian length, the body sent back), also its own
 * process, driven by the same client code with the same messages. The ratio says how much
 * of the echo's rate the host keeps while authorising, posting and committing.
 *
 * Prints human-readable lines, then a final line that is exactly one JSON object. Exits 1 if
 * the ledger's invariants fail on the bench database or any withdrawal is not approved.
 * Every process it starts is stopped and the temp dir removed.
 *
 * `--echo-server` runs this file as the echo server (used by the bench itself).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import { openDatabase } from '../../main/store/database'
import { systemClock } from '../../main/clock'
import { checkInvariants } from '../../main/ledger/invariants'
import { FrameReader, frame } from '../../main/iso8583/framing'
import {
  IsoLoadClient,
  driveTerminal,
  prepareTerminalLoad,
  startHostProcess,
  startListeningProcess,
  stopProcess,
  type Answered,
  type DriveResult,
  type ListeningProcess,
  type TerminalLoad,
} from '../support/terminal-load'

const terminals_n = 32
const cards_n = 64
const requests_max = 20_000
const duration_max_ms = 10_000
const warm_up_requests_per_terminal = 30
const cash_access_minor = 100_000_000
const amount_minor = (n: number) => 100 + (n % 900)
/** The echo server stops itself after this long, whatever happens to the bench. */
const echo_lifetime_max_ms = 120_000
const echo_line = /echo server listening on 127\.0\.0\.1:(\d+)/

function runEchoServer(): void {
  const server = net.createServer((socket) => {
    socket.setNoDelay(true)
    const reader = new FrameReader()
    socket.on('data', (chunk: Buffer) => {
      let bodies: Buffer[]
      try {
        bodies = reader.push(chunk)
      } catch {
        socket.destroy()
        return
      }
      for (const body of bodies) socket.write(frame(body))
    })
    socket.on('error', () => socket.destroy())
  })
  const stop = () => server.close(() => process.exit(0))
  setTimeout(() => process.exit(0), echo_lifetime_max_ms).unref()
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  server.listen(0, '127.0.0.1', () => {
    const address = server.address()
    console.log(`echo server listening on 127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`)
  })
}

interface Measured {
  requests: number
  elapsed_ms: number
  per_s: number
  p50_ms: number
  p99_ms: number
  max_ms: number
  codes: Map<string, number>
  unanswered: number
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0
}

/** Connects every terminal, warms up (not measured), then drives them closed-loop until the request or time bound. */
async function measure(port: number, load: TerminalLoad, stan_first: number): Promise<Measured> {
  const clients = await Promise.all(load.terminals.map(() => IsoLoadClient.connect(port, { reply_timeout_ms: 10_000 })))
  try {
    const drive = (requests: number, duration_ms: number, first: number): Promise<DriveResult[]> =>
      Promise.all(
        load.terminals.map((terminal, t) => {
          const client = clients[t]
          if (!client) throw new Error(`no connection for terminal ${terminal.terminal_id}`)
          return driveTerminal(client, terminal, { requests_max: requests, duration_ms, stan_first: first, amount_minor })
        }),
      )
    await drive(warm_up_requests_per_terminal, duration_max_ms, stan_first)
    const started = performance.now()
    const runs = await drive(Math.ceil(requests_max / load.terminals.length), duration_max_ms, stan_first + warm_up_requests_per_terminal)
    const elapsed_ms = performance.now() - started
    const answered: Answered[] = runs.flatMap((run) => run.answered)
    const latencies = answered.map((a) => a.latency_ms).sort((a, b) => a - b)
    const codes = new Map<string, number>()
    for (const a of answered) codes.set(a.response_code || '(echo)', (codes.get(a.response_code || '(echo)') ?? 0) + 1)
    return {
      requests: answered.length,
      elapsed_ms,
      per_s: Math.round((answered.length * 1000) / elapsed_ms),
      p50_ms: percentile(latencies, 50),
      p99_ms: percentile(latencies, 99),
      max_ms: latencies[latencies.length - 1] ?? 0,
      codes,
      unanswered: runs.reduce((n, run) => n + run.unanswered.length, 0),
    }
  } finally {
    for (const client of clients) client.close()
  }
}

/** CPU time (user + system) a process has used, in ms; Linux only, null elsewhere. */
function cpuMs(pid: number | undefined): number | null {
  if (pid === undefined) return null
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    const ticks = Number(fields[11]) + Number(fields[12])
    return Number.isFinite(ticks) ? (ticks * 1000) / 100 : null
  } catch {
    // Not Linux, or the process is gone: the figure is left out.
    return null
  }
}

function printMeasured(name: string, m: Measured, cpu_ms: number | null): void {
  const codes = [...m.codes].map(([code, n]) => `${code} ${n}`).join(', ')
  console.log(
    `${name}: ${m.requests} requests in ${m.elapsed_ms.toFixed(0)} ms: ${m.per_s}/s; latency p50 ${m.p50_ms.toFixed(2)} ms, ` +
      `p99 ${m.p99_ms.toFixed(2)} ms, max ${m.max_ms.toFixed(2)} ms; answers: ${codes}; unanswered ${m.unanswered}` +
      (cpu_ms !== null ? `; server CPU ${cpu_ms.toFixed(0)} ms (${((cpu_ms * 1000) / Math.max(1, m.requests)).toFixed(0)} µs per request)` : ''),
  )
}

async function main(): Promise<number> {
  const profile_dir = process.argv.includes('--profile') ? mkdtempSync(path.join(os.tmpdir(), 'centavo-iso-profile-')) : null
  const dir = mkdtempSync(path.join(os.tmpdir(), 'centavo-iso-bench-'))
  const started: ListeningProcess[] = []
  try {
    const setup_started = Date.now()
    const db_path = path.join(dir, 'bench.sqlite')
    const load = prepareTerminalLoad(db_path, { terminals_n, cards_n, cash_access_minor })
    console.log(`bench iso8583: ${terminals_n} ATMs, ${cards_n} cards, one connection per ATM, one withdrawal in flight each; set up in ${Date.now() - setup_started} ms`)

    const host = await startHostProcess(db_path, profile_dir ? { node_args: ['--cpu-prof', `--cpu-prof-dir=${profile_dir}`] } : {})
    started.push(host)
    const host_cpu_before = cpuMs(host.child.pid)
    const card_host = await measure(host.port, load, 1)
    const host_cpu_after = cpuMs(host.child.pid)
    console.log(`card host: child process (main/cli/host.ts), file database, WAL, synchronous FULL`)
    printMeasured('card host', card_host, host_cpu_before !== null && host_cpu_after !== null ? host_cpu_after - host_cpu_before : null)
    const stopped = await stopProcess(host, 'SIGTERM')
    if (stopped.code !== 0) console.log(`card host: exited with code ${stopped.code}, signal ${stopped.signal}`)

    const echo = await startListeningProcess(['--import', 'tsx', 'test/bench/iso8583.bench.ts', '--echo-server'], echo_line)
    started.push(echo)
    const echo_cpu_before = cpuMs(echo.child.pid)
    const floor = await measure(echo.port, load, 1)
    const echo_cpu_after = cpuMs(echo.child.pid)
    printMeasured('echo floor', floor, echo_cpu_before !== null && echo_cpu_after !== null ? echo_cpu_after - echo_cpu_before : null)
    await stopProcess(echo, 'SIGTERM')

    const db = openDatabase(db_path, { clock: systemClock })
    let ok = false
    try {
      const report = checkInvariants(db)
      const terminal_requests = db.prepare("SELECT count(*) AS n FROM requests WHERE scope LIKE 'terminal:%'").get() as { n: number }
      console.log(
        report.ok
          ? `invariants: ok on the bench database (${report.accounts} accounts, ${report.transfers} transfers, ${terminal_requests.n} terminal requests)`
          : `invariants: FAILED on the bench database: ${report.problems.join('; ')}`,
      )
      const approved = card_host.codes.get('00') ?? 0
      if (approved !== card_host.requests || card_host.unanswered > 0) console.log(`not every withdrawal was approved and answered`)
      ok = report.ok && approved === card_host.requests && card_host.unanswered === 0
    } finally {
      db.close()
    }
    if (profile_dir) console.log(`CPU profile of the host written to ${profile_dir}`)
    const ratio = floor.per_s > 0 ? card_host.per_s / floor.per_s : 0
    console.log(
      JSON.stringify({
        bench: 'iso8583',
        authorizations_per_s: card_host.per_s,
        p50_ms: Number(card_host.p50_ms.toFixed(2)),
        p99_ms: Number(card_host.p99_ms.toFixed(2)),
        echo_per_s: floor.per_s,
        ratio: Number(ratio.toFixed(2)),
        terminals: terminals_n,
        requests: card_host.requests,
      }),
    )
    return ok ? 0 : 1
  } finally {
    for (const child of started) await stopProcess(child, 'SIGKILL', 5_000)
    rmSync(dir, { recursive: true, force: true })
  }
}

if (process.argv.includes('--echo-server')) {
  runEchoServer()
} else {
  main().then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
      process.exitCode = 1
    },
  )
}
