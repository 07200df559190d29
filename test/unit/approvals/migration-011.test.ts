/**
 * Migration 011 on a database written by 001-010: approval requests already there keep every
 * column and gain the subject they act on (account or card), so the duplicate-pending guard
 * sees them; the rebuilt table takes the new kinds and still refuses unknown ones.
 */
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { FrozenClock } from '../../../main/clock'
import { defaultMigrationsDir } from '../../../main/store/database'
import { migrate, readMigrations } from '../../../main/store/migrate'
import { createStaff } from '../../../main/staff/staff'

describe('migration 011 on an existing database', () => {
  it('copies approval requests with their subject and allows refund and bill write-off kinds', () => {
    const clock = new FrozenClock('2026-11-02T09:00:00.000Z')
    const migrations = readMigrations(defaultMigrationsDir())
    const at = migrations.findIndex((m) => m.name === '011_approval_kinds.sql')
    expect(at).toBeGreaterThan(0)
    const db = new BetterSqlite3(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations.slice(0, at), clock.now().toISOString())
    const maker = createStaff(db, clock, { username: 'maker', display_name: 'Maker', role: 'back_office_clerk', password: 'a long enough password' })
    const insert = db.prepare("INSERT INTO approval_requests (kind, payload_json, summary, reason, maker_staff_id, created_at) VALUES (?, ?, 's', 'r', ?, ?)")
    insert.run('balance_adjustment', '{"account_id":5,"amount_minor":10}', maker.id, clock.now().toISOString())
    insert.run('card_unblock', '{"card_id":3}', maker.id, clock.now().toISOString())
    expect(() => insert.run('refund', '{"dispute_id":1,"note":""}', maker.id, clock.now().toISOString())).toThrow(/CHECK/)

    expect(migrate(db, migrations, clock.now().toISOString())).toBe(migrations.length - at)
    expect(db.prepare('SELECT id, kind, subject, payload_json, status FROM approval_requests ORDER BY id').all()).toEqual([
      { id: 1, kind: 'balance_adjustment', subject: 'account:5', payload_json: '{"account_id":5,"amount_minor":10}', status: 'pending' },
      { id: 2, kind: 'card_unblock', subject: 'card:3', payload_json: '{"card_id":3}', status: 'pending' },
    ])
    const insert_new = db.prepare("INSERT INTO approval_requests (kind, subject, payload_json, summary, reason, maker_staff_id, created_at) VALUES (?, ?, '{}', 's', 'r', ?, ?)")
    insert_new.run('refund', 'dispute:1', maker.id, clock.now().toISOString())
    insert_new.run('bill_write_off', 'bill:1', maker.id, clock.now().toISOString())
    expect(() => insert_new.run('gift', 'account:1', maker.id, clock.now().toISOString())).toThrow(/CHECK/)
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'approval_requests' ORDER BY name").all()).toEqual([
      { name: 'approval_requests_pending_subject' },
      { name: 'approval_requests_status' },
    ])
  })
})
