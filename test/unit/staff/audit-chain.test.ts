/**
 * The audit trail's hash chain: an untouched trail verifies, and an edited, deleted or
 * reordered entry is found at the entry where the chain breaks. Tampering needs the
 * append-only triggers dropped first, as an attacker with the database file would.
 */
import { describe, expect, it } from 'vitest'
import { audit, audit_genesis_sha256, auditCsv, listAudit, verifyAuditChain, type AuditRow } from '../../../main/staff/audit'
import { testDatabase } from '../../support/db'

function trailOf(entries: number) {
  const { db, clock } = testDatabase()
  for (let n = 1; n <= entries; n++) {
    audit(db, clock, { staff_id: null, action: n % 2 ? 'staff.login' : 'card.block', subject: `entry ${n}`, detail: { n } })
    clock.advance(1000)
  }
  return { db, clock }
}

function dropAppendOnly(db: ReturnType<typeof testDatabase>['db']): void {
  db.exec('DROP TRIGGER audit_log_append_only_update; DROP TRIGGER audit_log_append_only_delete')
}

describe('audit chain', () => {
  it('chains the first entry from the genesis value and each next one from the one before', () => {
    const { db } = trailOf(3)
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as AuditRow[]
    expect(rows.map((r) => r.id)).toEqual([1, 2, 3])
    expect(rows[0]?.prev_sha256).toBe(audit_genesis_sha256)
    expect(rows[1]?.prev_sha256).toBe(rows[0]?.sha256)
    expect(rows[2]?.prev_sha256).toBe(rows[1]?.sha256)
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 3 })
  })

  it('verifies an empty trail', () => {
    const { db } = testDatabase()
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 0 })
  })

  it('refuses an edit while the append-only trigger stands', () => {
    const { db } = trailOf(2)
    expect(() => db.prepare("UPDATE audit_log SET subject = 'x' WHERE id = 1").run()).toThrow(/append-only/)
    expect(() => db.prepare("UPDATE audit_log SET sha256 = 'x' WHERE id = 1").run()).toThrow(/append-only/)
    expect(() => db.prepare('DELETE FROM audit_log WHERE id = 1').run()).toThrow(/append-only/)
  })

  it('finds an edited entry', () => {
    const { db } = trailOf(5)
    dropAppendOnly(db)
    db.prepare(`UPDATE audit_log SET detail_json = '{"n":99}' WHERE id = 3`).run()
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, first_broken_id: 3, reason: expect.stringMatching(/edited/) })
  })

  it('finds a deleted entry at the entry after the gap', () => {
    const { db } = trailOf(5)
    dropAppendOnly(db)
    db.prepare('DELETE FROM audit_log WHERE id = 2').run()
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, first_broken_id: 3, reason: expect.stringMatching(/deleted or the entries were reordered/) })
  })

  it('finds a deleted first entry', () => {
    const { db } = trailOf(3)
    dropAppendOnly(db)
    db.prepare('DELETE FROM audit_log WHERE id = 1').run()
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, first_broken_id: 2 })
  })

  it('finds two entries swapped', () => {
    const { db } = trailOf(5)
    dropAppendOnly(db)
    db.exec('UPDATE audit_log SET id = -1 WHERE id = 3; UPDATE audit_log SET id = 3 WHERE id = 4; UPDATE audit_log SET id = 4 WHERE id = -1')
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, first_broken_id: 3, reason: expect.stringMatching(/reordered/) })
  })

  it('seals entries written before the chain existed, in order, on the next append', () => {
    const { db, clock } = testDatabase()
    db.prepare("INSERT INTO audit_log (at, staff_id, action) VALUES ('2026-01-01T00:00:00.000Z', NULL, 'old.one'), ('2026-01-02T00:00:00.000Z', NULL, 'old.two')").run()
    expect(verifyAuditChain(db)).toMatchObject({ ok: false, first_broken_id: 1, reason: expect.stringMatching(/not been sealed/) })
    audit(db, clock, { staff_id: null, action: 'staff.login' })
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 3 })
  })

  it('lists newest first with filters, and exports the same entries as CSV', () => {
    const { db } = trailOf(6)
    const cards = listAudit(db, { action: 'card.' }, { page: 1, page_size: 2 })
    expect(cards.total).toBe(3)
    expect(cards.rows.map((r) => r.id)).toEqual([6, 4])
    // "card.%" is a prefix, not a pattern: an underscore in the filter matches only itself.
    expect(listAudit(db, { action: 'card_' }, { page: 1, page_size: 10 }).total).toBe(0)
    const from = listAudit(db, { from: '2026-11-02T09:00:02.000Z', to: '2026-11-02T09:00:04.000Z' }, { page: 1, page_size: 10 })
    expect(from.rows.map((r) => r.id)).toEqual([5, 4, 3])
    const csv = auditCsv(db, { action: 'card.' })
    expect(csv.rows).toBe(3)
    const lines = csv.csv.trimEnd().split('\r\n')
    expect(lines[0]).toBe('id,at,staff_id,staff_username,action,subject,detail_json,prev_sha256,sha256')
    expect(lines[1]).toMatch(/^2,2026-11-02T09:00:01.000Z,,,card.block,entry 2,"{""n"":2}",[0-9a-f]{64},[0-9a-f]{64}$/)
  })
})
