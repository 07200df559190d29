/**
 * Proves that a card host killed with SIGKILL in the middle of a burst of withdrawals from
 * many terminals loses no approval a terminal received, and restarts with every invariant
 * intact: each approval a terminal saw is on disk with the same approval code and exactly
 * one transfer of its amount; every cash-access balance is its opening balance less the
 * approvals on disk; what is on disk but was never answered is no more than the requests
 * in flight at the kill; a resent request is answered as before and moves nothing.
 *
 * The host runs as its own process (`main/cli/host.ts`) on a file database with durable
 * commits, as an operator runs it. Three kills, at random moments in three windows.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, projectRoot } from '../../main/store/database'
import { systemClock } from '../../main/clock'
import { checkInvariants } from '../../main/ledger/invariants'
import { fieldString } from '../../main/iso8583/codec'
import {
  IsoLoadClient,
  driveTerminal,
  prepareTerminalLoad,
  startHostProcess,
  stopProcess,
  transmissionTime,
  withdrawalsFor,
  type Answered,
  type HostProcess,
  type TerminalLoad,
} from '../support/terminal-load'
import type { StoredAnswer } from '../../main/card-host/answer'

const terminals_n = 8
const cards_n = 16
const cash_access_minor = 10_000_000
/** Each burst stops by itself after this long or this many requests per terminal, if the kill never came. */
const burst_duration_max_ms = 5_000
const burst_requests_per_terminal_max = 20_000
const verify_timeout_ms = 20_000
/** After the delay, the kill waits at most this long for an answer to kill on. */
const kill_unanswered_ms = 500
/** Kill windows, ms after the burst starts: one kill in each, at a random moment. */
const kill_windows_ms: Array<[number, number]> = [
  [300, 600],
  [600, 1_000],
  [1_000, 1_500],
]

const small_amount = (n: number) => 1 + (n % 50)
const fresh_minor = 123

interface DiskApprovals {
  /** `terminal:<id>` + key → stored answer, for every 0200 the host recorded. */
  answers: Map<string, StoredAnswer & { request_id: number }>
  approved_n: number
  approved_minor: number
}

type TransferSeen = { amount_minor: number; code: string; phase: string; debit_account_id: number }

const cleanups: Array<() => Promise<void> | void> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function identity(terminal_id: string, stan: string, transmission: string): string {
  return `terminal:${terminal_id}|0200:${stan}:${transmission}`
}

/**
 * Reads the database as it is on disk and checks it against what the terminals saw. Returns
 * what the host recorded, for the caller's own comparisons.
 */
function checkDisk(db_path: string, load: TerminalLoad, seen_approvals: Answered[]): DiskApprovals {
  const db = openDatabase(db_path, { clock: systemClock })
  try {
    const report = checkInvariants(db)
    expect(report.problems).toEqual([])
    expect(report.ok).toBe(true)

    const answers = new Map<string, StoredAnswer & { request_id: number }>()
    const rows = db
      .prepare("SELECT id, scope, idempotency_key, response_json FROM requests WHERE scope LIKE 'terminal:%' AND kind = 'iso_0200'")
      .all() as Array<{ id: number; scope: string; idempotency_key: string; response_json: string }>
    let approved_n = 0
    let approved_minor = 0
    const transfers_of = db.prepare('SELECT amount_minor, code, phase, debit_account_id FROM transfers WHERE request_id = ?')
    for (const row of rows) {
      const answer = JSON.parse(row.response_json) as StoredAnswer
      answers.set(`${row.scope}|${row.idempotency_key}`, { ...answer, request_id: row.id })
      const transfers = transfers_of.all(row.id) as TransferSeen[]
      if (answer.fields['39'] === '00') {
        approved_n++
        approved_minor += Number(answer.fields['4'])
        expect(transfers).toHaveLength(1)
        expect(transfers[0]?.amount_minor).toBe(Number(answer.fields['4']))
      } else {
        // Nothing but approvals are expected with these balances; a decline must move nothing.
        expect(transfers).toHaveLength(0)
      }
    }
    const declined = rows.length - approved_n
    expect(declined).toBe(0)

    // Every approval a terminal saw is on disk, with the same approval code and one transfer from its card.
    const account_of = new Map(load.cards.map((card) => [card.track2, card.cash_access_account_id]))
    for (const seen of seen_approvals) {
      const stored = answers.get(identity(seen.terminal_id, seen.stan, seen.transmission))
      expect(stored, `approval ${seen.terminal_id} STAN ${seen.stan} is not on disk`).toBeDefined()
      if (!stored) continue
      expect(stored.fields['39']).toBe('00')
      expect(stored.fields['38']).toBe(seen.approval_code)
      const transfers = transfers_of.all(stored.request_id) as TransferSeen[]
      expect(transfers).toEqual([
        { amount_minor: seen.amount_minor, code: 'atm_withdrawal', phase: 'single', debit_account_id: account_of.get(fieldString(seen.request, 35) ?? '') },
      ])
    }

    // Each cash-access account holds its opening balance less the withdrawals on disk, and those are the approvals.
    const balance = db.prepare('SELECT credits_posted - debits_posted AS balance, debits_pending FROM accounts WHERE id = ?')
    const withdrawn = db.prepare("SELECT ifnull(sum(amount_minor), 0) AS total, count(*) AS n FROM transfers WHERE debit_account_id = ? AND code = 'atm_withdrawal'")
    let withdrawn_minor = 0
    let withdrawn_n = 0
    for (const card of load.cards) {
      const { total, n } = withdrawn.get(card.cash_access_account_id) as { total: number; n: number }
      const row = balance.get(card.cash_access_account_id) as { balance: number; debits_pending: number }
      expect(row.balance).toBe(load.cash_access_minor - total)
      expect(row.debits_pending).toBe(0)
      withdrawn_minor += total
      withdrawn_n += n
    }
    expect(withdrawn_minor).toBe(approved_minor)
    expect(withdrawn_n).toBe(approved_n)
    return { answers, approved_n, approved_minor }
  } finally {
    db.close()
  }
}

async function connectAll(port: number, n: number): Promise<IsoLoadClient[]> {
  const clients = await Promise.all(Array.from({ length: n }, () => IsoLoadClient.connect(port, { reply_timeout_ms: 5_000 })))
  cleanups.push(() => clients.forEach((client) => client.close()))
  return clients
}

async function started(db_path: string): Promise<HostProcess> {
  const host = await startHostProcess(db_path)
  cleanups.push(async () => {
    await stopProcess(host, 'SIGKILL')
  })
  return host
}

describe('a card host killed with SIGKILL during a burst of withdrawals', () => {
  for (const [window_index, [from_ms, to_ms]] of kill_windows_ms.entries()) {
    it(`loses no approval a terminal received and restarts intact (kill ${window_index + 1}, ${from_ms}-${to_ms} ms into the burst)`, async () => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'centavo-kill-'))
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }))
      const db_path = path.join(dir, 'kill.sqlite')
      const load = prepareTerminalLoad(db_path, { terminals_n, cards_n, cash_access_minor })

      // The burst: every terminal sends withdrawals one after another, as fast as answers come.
      const host = await started(db_path)
      const clients = await connectAll(host.port, terminals_n)
      // The kill is timed from the first answer, so a slow start (a busy machine) still leaves
      // a burst to kill. Once the delay is over, the kill goes the moment the next answer
      // arrives: a host that answered before its commit was durable would be caught inside
      // that commit, which a kill at a random instant rarely hits.
      const kill_after_ms = from_ms + Math.floor(Math.random() * (to_ms - from_ms))
      const burst_started = Date.now()
      let first_answer_ms: number | null = null
      let killed_at_ms: number | null = null
      let armed = false
      let kill_timer: NodeJS.Timeout | undefined
      const killNow = () => {
        if (killed_at_ms !== null) return
        killed_at_ms = Date.now() - burst_started
        host.child.kill('SIGKILL')
      }
      const onAnswer = () => {
        if (armed) killNow()
        if (first_answer_ms !== null) return
        first_answer_ms = Date.now() - burst_started
        kill_timer = setTimeout(() => {
          armed = true
          // No answer within this long after arming: kill anyway.
          kill_timer = setTimeout(killNow, kill_unanswered_ms)
        }, kill_after_ms)
      }
      cleanups.push(() => clearTimeout(kill_timer))
      const runs = await Promise.all(
        load.terminals.map((terminal, t) => {
          const client = clients[t]
          if (!client) throw new Error(`no connection for terminal ${terminal.terminal_id}`)
          return driveTerminal(client, terminal, {
            requests_max: burst_requests_per_terminal_max,
            duration_ms: burst_duration_max_ms,
            stan_first: 1,
            amount_minor: small_amount,
            onAnswer,
          })
        }),
      )
      expect(killed_at_ms, 'the burst ended before the kill').not.toBeNull()
      const exit = await host.exited
      expect(exit.signal).toBe('SIGKILL')
      const seen = runs.flatMap((run) => run.answered)
      const seen_approvals = seen.filter((a) => a.response_code === '00')
      const unanswered_n = runs.reduce((n, run) => n + run.unanswered.length, 0)
      expect(seen.length).toBeGreaterThan(0)
      expect(seen_approvals).toHaveLength(seen.length)
      // Every lane ended because the host went away, not by its own bounds.
      for (const run of runs) expect(run.ended_by).not.toMatch(/^(count|time)$/)

      const disk = checkDisk(db_path, load, seen_approvals)
      // On disk but never answered: at most the requests in flight when the host died.
      expect(disk.approved_n).toBeGreaterThanOrEqual(seen_approvals.length)
      expect(disk.approved_n - seen_approvals.length).toBeLessThanOrEqual(unanswered_n)
      console.log(
        `kill ${window_index + 1}: first answer after ${first_answer_ms} ms, SIGKILL ${killed_at_ms} ms into the burst; terminals saw ${seen_approvals.length} approvals; ` +
          `${disk.approved_n} on disk (${disk.approved_n - seen_approvals.length} committed but unanswered, of ${unanswered_n} in flight)`,
      )

      // Restarted on the same database: a new withdrawal is approved, and a resend of an
      // approval from before the kill gets the same answer and moves nothing.
      const again = await started(db_path)
      const [client] = await connectAll(again.port, 1)
      if (!client) throw new Error('no client')
      const terminal = load.terminals[0]
      if (!terminal) throw new Error('no terminal')
      const fresh_request = withdrawalsFor(terminal)(0, 999_999, fresh_minor, transmissionTime(new Date()))
      const fresh = await client.exchange(fresh_request)
      expect(fieldString(fresh.answer, 39)).toBe('00')
      const fresh_seen: Answered = {
        terminal_id: terminal.terminal_id,
        request: fresh_request,
        stan: fieldString(fresh_request, 11) ?? '',
        transmission: fieldString(fresh_request, 7) ?? '',
        amount_minor: fresh_minor,
        response_code: '00',
        approval_code: fieldString(fresh.answer, 38),
        latency_ms: fresh.latency_ms,
      }
      const before = seen_approvals[Math.floor(Math.random() * seen_approvals.length)]
      if (!before) throw new Error('no approval seen')
      const resent = await client.exchange(before.request)
      expect(fieldString(resent.answer, 39)).toBe('00')
      expect(fieldString(resent.answer, 38)).toBe(before.approval_code)
      const stopped = await stopProcess(again, 'SIGTERM')
      expect(stopped.code).toBe(0)

      const after = checkDisk(db_path, load, [...seen_approvals, fresh_seen])
      expect(after.approved_n).toBe(disk.approved_n + 1)
      expect(after.approved_minor).toBe(disk.approved_minor + fresh_minor)

      const verify = spawnSync(process.execPath, ['--import', 'tsx', 'main/cli/verify.ts', '--db', db_path], {
        cwd: projectRoot(),
        encoding: 'utf8',
        timeout: verify_timeout_ms,
      })
      expect(verify.status, `${verify.stdout}${verify.stderr}`).toBe(0)
      expect(verify.stdout).toMatch(/: OK: /)
    }, 40_000)
  }
})
