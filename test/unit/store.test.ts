import { mkdtempSync, writeFileSync, readdirSync, copyFileSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openDatabase, defaultMigrationsDir } from '../../main/store/database'
import { MigrationError } from '../../main/store/migrate'
import { FrozenClock } from '../../main/clock'

const clock = new FrozenClock('2026-11-02T09:00:00Z')
const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'centavo-store-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

/** A copy of the real migrations that a test may tamper with. */
function migrationsCopy(): string {
  const dir = tempDir()
  for (const file of readdirSync(defaultMigrationsDir())) copyFileSync(path.join(defaultMigrationsDir(), file), path.join(dir, file))
  return dir
}

describe('store', () => {
  it('opens a file database in WAL mode with foreign keys, and reopens it without re-applying migrations', () => {
    const file = path.join(tempDir(), 'c.db')
    const db = openDatabase(file, { clock })
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal')
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1)
    const applied = db.prepare('SELECT count(*) AS n FROM schema_migrations').get()
    db.close()
    const again = openDatabase(file, { clock })
    expect(again.prepare('SELECT count(*) AS n FROM schema_migrations').get()).toEqual(applied)
    again.close()
  })

  it('refuses a database whose applied migrations were edited on disk afterwards', () => {
    const file = path.join(tempDir(), 'c.db')
    const migrations = migrationsCopy()
    openDatabase(file, { clock, migrations_dir: migrations }).close()
    writeFileSync(path.join(migrations, '002_bank.sql'), '-- edited after release\nSELECT 1;\n')
    expect(() => openDatabase(file, { clock, migrations_dir: migrations })).toThrow(MigrationError)
  })

  it('refuses a database written by a newer Centavo with more migrations than the files', () => {
    const file = path.join(tempDir(), 'c.db')
    const migrations = migrationsCopy()
    const future = `${String(readdirSync(migrations).length + 1).padStart(3, '0')}_future.sql`
    writeFileSync(path.join(migrations, future), 'CREATE TABLE future (id INTEGER PRIMARY KEY);\n')
    openDatabase(file, { clock, migrations_dir: migrations }).close()
    rmSync(path.join(migrations, future))
    expect(() => openDatabase(file, { clock, migrations_dir: migrations })).toThrow(/newer version/)
  })

  it('refuses migration files with a gap in their numbers', () => {
    const migrations = migrationsCopy()
    writeFileSync(path.join(migrations, `${String(readdirSync(migrations).length + 2).padStart(3, '0')}_gap.sql`), 'SELECT 1;\n')
    expect(() => openDatabase(':memory:', { clock, migrations_dir: migrations })).toThrow(/sequence/)
  })
})
