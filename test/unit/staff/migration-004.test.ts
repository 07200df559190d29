/**
 * Migration 004 on a database written by 001-003: the audit entries already there keep
 * their content, are sealed into the chain by the next audit() call, and the trail then
 * verifies; the lockout tables exist.
 */
import BetterSqlite3 from 'better-sqlite3'
import { describe, expect, it } from 'vitest'
import { FrozenClock } from '../../../main/clock'
import { defaultMigrationsDir } from '../../../main/store/database'
import { migrate, readMigrations } from '../../../main/store/migrate'
import { audit, verifyAuditChain } from '../../../main/staff/audit'

describe('migration 004 on an existing database', () => {
  it('seals the audit entries written before it and verifies the chain', () => {
    const clock = new FrozenClock('2026-11-02T09:00:00.000Z')
    const migrations = readMigrations(defaultMigrationsDir())
    const db = new BetterSqlite3(':memory:')
    db.pragma('foreign_keys = ON')
    migrate(db, migrations.slice(0, 3), clock.now().toISOString())
    db.prepare("INSERT INTO audit_log (at, staff_id, action, subject) VALUES (?, NULL, 'staff.login_failed', 'someone')").run(clock.now().toISOString())
    expect(migrate(db, migrations, clock.now().toISOString())).toBe(migrations.length - 3)
    audit(db, clock, { staff_id: null, action: 'staff.login_failed', subject: 'someone else' })
    expect(verifyAuditChain(db)).toEqual({ ok: true, entries: 2 })
    expect(db.prepare('SELECT subject FROM audit_log ORDER BY id').all()).toEqual([{ subject: 'someone' }, { subject: 'someone else' }])
    expect(db.prepare('SELECT count(*) AS n FROM login_locks').get()).toEqual({ n: 0 })
  })
})
