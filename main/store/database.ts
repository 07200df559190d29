import BetterSqlite3, { type Database } from 'better-sqlite3'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import { existsSync } from 'node:fs'
import { migrate, readMigrations } from './migrate'
import { sqliteNativeBinding } from './native'
import type { Clock } from '../clock'

export type { Database }

export class DatabaseIntegrityError extends Error {
  readonly id = 'database_integrity'
}

export interface OpenOptions {
  clock: Clock
  /** Where NNN_name.sql files live; defaults to the migrations beside this file. */
  migrations_dir?: string
  /** `FULL` makes every commit durable (the default); tests on :memory: do not care. */
  synchronous?: 'FULL' | 'NORMAL'
}

/**
 * The migrations folder: beside this source file under tsx and vitest, and copied beside
 * the bundle by electron.vite.config.ts in the built app.
 */
export function defaultMigrationsDir(): string {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const candidates = [path.join(here, 'migrations'), path.join(here, '..', 'store', 'migrations')]
  const found = candidates.find((dir) => existsSync(dir))
  if (!found) throw new Error(`cannot find the migrations folder near ${here}`)
  return found
}

export function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (let depth = 0; depth < 6; depth++) {
    if (existsSync(path.join(dir, 'package.json'))) return dir
    dir = path.dirname(dir)
  }
  return process.cwd()
}

/**
 * Opens (or creates) a Centavo database: WAL, foreign keys on, durable commits, the
 * integrity check, then the migrations. Throws before touching the file's contents if
 * the integrity check fails or the migrations do not match.
 */
export function openDatabase(file: string, options: OpenOptions): Database {
  const nativeBinding = sqliteNativeBinding(projectRoot())
  const db = new BetterSqlite3(file, nativeBinding ? { nativeBinding } : {})
  try {
    db.pragma('journal_mode = WAL')
    db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`)
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') throw new DatabaseIntegrityError(`SQLite integrity check failed on ${file}: ${String(integrity)}`)
    migrate(db, readMigrations(options.migrations_dir ?? defaultMigrationsDir()), options.clock.now().toISOString())
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
