/**
 * The audit trail: every staff action and every money-moving job, append-only and chained
 * by hash. Each entry stores the hash of the entry before it (`prev_sha256`) and its own
 * `sha256 = SHA-256(prev_sha256 || canonical JSON of its content)`, so editing, deleting or
 * reordering an entry breaks the chain where it happened, and verifyAuditChain says where.
 * Plain TypeScript over the database; no Electron, no HTTP.
 */
import { createHash } from 'node:crypto'
import type { Database } from '../store/database'
import type { Clock } from '../clock'
import { pageOf, type Page } from '../store/paging'

/** The first entry chains from this fixed value. */
export const audit_genesis_sha256 = '0'.repeat(64)
/** Entries written before the chain existed are sealed at most this many per audit() call. */
const seal_batch_max = 10_000

export interface AuditRow {
  id: number
  at: string
  staff_id: number | null
  action: string
  subject: string
  detail_json: string
  prev_sha256: string
  sha256: string
}

type AuditContent = Pick<AuditRow, 'id' | 'at' | 'staff_id' | 'action' | 'subject' | 'detail_json'>

/** The hash of one entry; the key order of the JSON is fixed here, never by the caller. */
export function auditEntrySha256(prev_sha256: string, entry: AuditContent): string {
  const canonical = JSON.stringify({
    id: entry.id,
    at: entry.at,
    staff_id: entry.staff_id,
    action: entry.action,
    subject: entry.subject,
    detail_json: entry.detail_json,
  })
  return createHash('sha256').update(prev_sha256).update(canonical).digest('hex')
}

function lastSealed(db: Database): { id: number; sha256: string } | undefined {
  return db.prepare("SELECT id, sha256 FROM audit_log WHERE sha256 <> '' ORDER BY id DESC LIMIT 1").get() as { id: number; sha256: string } | undefined
}

/**
 * Chains entries written before migration 004 (their hash is ''), in id order. The
 * migration's trigger allows setting the hash of an unsealed entry and nothing else.
 */
export function sealAuditLog(db: Database): number {
  return db.transaction(() => {
    const unsealed = db.prepare("SELECT * FROM audit_log WHERE sha256 = '' ORDER BY id LIMIT ?").all(seal_batch_max) as AuditRow[]
    if (unsealed.length === 0) return 0
    let prev = lastSealed(db)?.sha256 ?? audit_genesis_sha256
    const seal = db.prepare('UPDATE audit_log SET prev_sha256 = ?, sha256 = ? WHERE id = ?')
    for (const row of unsealed) {
      const sha256 = auditEntrySha256(prev, row)
      seal.run(prev, sha256, row.id)
      prev = sha256
    }
    return unsealed.length
  })()
}

/**
 * Appends to the audit trail. It runs in the caller's transaction when there is one (a
 * savepoint), else in its own IMMEDIATE transaction, so reading the last hash and writing
 * the next entry cannot interleave with another writer.
 */
export function audit(
  db: Database,
  clock: Clock,
  entry: { staff_id: number | null; action: string; subject?: string; detail?: unknown },
): void {
  db.transaction(() => {
    sealAuditLog(db)
    const last = db.prepare('SELECT id, sha256 FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; sha256: string } | undefined
    const content: AuditContent = {
      id: (last?.id ?? 0) + 1,
      at: clock.now().toISOString(),
      staff_id: entry.staff_id,
      action: entry.action,
      subject: entry.subject ?? '',
      detail_json: JSON.stringify(entry.detail ?? {}),
    }
    const prev_sha256 = last?.sha256 ?? audit_genesis_sha256
    db.prepare(
      `INSERT INTO audit_log (id, at, staff_id, action, subject, detail_json, prev_sha256, sha256)
       VALUES (@id, @at, @staff_id, @action, @subject, @detail_json, @prev_sha256, @sha256)`,
    ).run({ ...content, prev_sha256, sha256: auditEntrySha256(prev_sha256, content) })
  }).immediate()
}

export interface AuditChainReport {
  ok: boolean
  entries: number
  first_broken_id?: number
  reason?: string
}

/**
 * Walks the whole trail in id order. An entry whose stored previous hash is not the hash
 * of the entry before it follows a deleted entry or was moved; an entry whose content does
 * not hash to its stored hash was edited. Deleting the newest entries leaves a shorter but
 * valid chain; the count of entries is reported so it can be compared with an export.
 */
export function verifyAuditChain(db: Database): AuditChainReport {
  let prev = audit_genesis_sha256
  let entries = 0
  for (const row of db.prepare('SELECT * FROM audit_log ORDER BY id').iterate() as IterableIterator<AuditRow>) {
    entries++
    if (row.sha256 === '') return { ok: false, entries, first_broken_id: row.id, reason: 'the entry has not been sealed into the chain yet' }
    if (row.prev_sha256 !== prev) {
      return { ok: false, entries, first_broken_id: row.id, reason: 'the entry does not follow the entry before it: an entry was deleted or the entries were reordered' }
    }
    if (auditEntrySha256(row.prev_sha256, row) !== row.sha256) {
      return { ok: false, entries, first_broken_id: row.id, reason: 'the entry does not match its hash: it was edited after it was written' }
    }
    prev = row.sha256
  }
  return { ok: true, entries }
}

export interface AuditFilter {
  staff_id?: number
  /** "staff." matches staff.login, staff.create, …; "staff.login" matches staff.login_failed too. */
  action?: string
  from?: string
  to?: string
}

export interface AuditEntryView {
  id: number
  at: string
  staff_id: number | null
  staff_username: string | null
  action: string
  subject: string
  detail_json: string
}

function whereOf(filter: AuditFilter): { where: string; params: Record<string, string | number> } {
  const clauses: string[] = []
  const params: Record<string, string | number> = {}
  if (filter.staff_id !== undefined) {
    clauses.push('a.staff_id = @staff_id')
    params.staff_id = filter.staff_id
  }
  if (filter.action) {
    // A prefix match without LIKE's wildcards: substr compares exactly.
    clauses.push('substr(a.action, 1, length(@action)) = @action')
    params.action = filter.action
  }
  if (filter.from) {
    clauses.push('a.at >= @from')
    params.from = filter.from
  }
  if (filter.to) {
    clauses.push('a.at <= @to')
    params.to = filter.to
  }
  return { where: clauses.length ? `WHERE ${clauses.join(' AND ')}` : '', params }
}

const view_select = 'a.id, a.at, a.staff_id, s.username AS staff_username, a.action, a.subject, a.detail_json'

export function listAudit(db: Database, filter: AuditFilter, page: Page): { rows: AuditEntryView[]; total: number } {
  const { where, params } = whereOf(filter)
  return pageOf<AuditEntryView>(
    db,
    { select: view_select, from: `FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id ${where}`, count_from: `FROM audit_log a ${where}`, order_by: 'a.id DESC', params },
    page,
  )
}

/** An export holds at most this many entries; narrow the filter for more. */
export const audit_export_rows_max = 100_000

function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value)
  // Quote everything that could split a field, and defuse spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function auditCsv(db: Database, filter: AuditFilter): { csv: string; rows: number } {
  const { where, params } = whereOf(filter)
  const rows = db
    .prepare(`SELECT ${view_select}, a.prev_sha256, a.sha256 FROM audit_log a LEFT JOIN staff s ON s.id = a.staff_id ${where} ORDER BY a.id LIMIT @rows_max`)
    .all({ ...params, rows_max: audit_export_rows_max }) as Array<AuditEntryView & { prev_sha256: string; sha256: string }>
  const header = ['id', 'at', 'staff_id', 'staff_username', 'action', 'subject', 'detail_json', 'prev_sha256', 'sha256']
  const lines = rows.map((r) => [r.id, r.at, r.staff_id, r.staff_username, r.action, r.subject, r.detail_json, r.prev_sha256, r.sha256].map(csvField).join(','))
  return { csv: [header.join(','), ...lines].join('\r\n') + '\r\n', rows: rows.length }
}
