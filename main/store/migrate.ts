import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import type { Database } from 'better-sqlite3'

export interface Migration {
  version: number
  name: string
  sql: string
  sha256: string
}

export class MigrationError extends Error {
  readonly id = 'migration_mismatch'
}

const migration_file = /^(\d{3})_[a-z0-9_]+\.sql$/

/** Reads `NNN_name.sql` files in order; numbers must run 1, 2, 3 without gaps. */
export function readMigrations(dir: string): Migration[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
  const migrations = files.map((name, index): Migration => {
    const match = migration_file.exec(name)
    if (!match) throw new MigrationError(`migration file ${name} is not named NNN_name.sql`)
    const version = Number(match[1])
    if (version !== index + 1) throw new MigrationError(`migration ${name} breaks the sequence: expected ${index + 1}`)
    const sql = readFileSync(path.join(dir, name), 'utf8')
    return { version, name, sql, sha256: createHash('sha256').update(sql).digest('hex') }
  })
  if (migrations.length === 0) throw new MigrationError(`no migrations found in ${dir}`)
  return migrations
}

/**
 * Applies the migrations the database does not have yet, each in its own transaction.
 * A database whose applied migrations are not a prefix of `migrations` (a file renamed,
 * edited after release, or a database from a newer Centavo) is refused before anything
 * is written to it.
 */
export function migrate(db: Database, migrations: Migration[], now_iso: string): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL, applied_at TEXT NOT NULL
  ) STRICT`)
  const applied = db
    .prepare('SELECT version, name, sha256 FROM schema_migrations ORDER BY version')
    .all() as Array<Pick<Migration, 'version' | 'name' | 'sha256'>>
  if (applied.length > migrations.length) {
    throw new MigrationError(
      `the database has ${applied.length} migrations but this Centavo knows only ${migrations.length}: it was written by a newer version`,
    )
  }
  applied.forEach((row, index) => {
    const file = migrations[index]
    if (!file || row.version !== file.version || row.name !== file.name || row.sha256 !== file.sha256) {
      throw new MigrationError(
        `applied migration ${row.version} (${row.name}) does not match ${file ? file.name : 'any file'} on disk: refusing to open this database`,
      )
    }
  })
  const record = db.prepare('INSERT INTO schema_migrations (version, name, sha256, applied_at) VALUES (?, ?, ?, ?)')
  const pending = migrations.slice(applied.length)
  for (const migration of pending) {
    db.transaction(() => {
      db.exec(migration.sql)
      record.run(migration.version, migration.name, migration.sha256, now_iso)
    })()
  }
  return pending.length
}
