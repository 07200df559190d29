import type { Database, Statement } from 'better-sqlite3'

/** More distinct SQL texts than this per database means a query is being built from data: a bug. */
export const statements_per_database_max = 512

const caches = new WeakMap<Database, Map<string, Statement>>()

/**
 * The prepared statement for `sql` on `db`, compiled once. Preparing costs more than
 * running a simple statement, and the authorisation path runs a dozen per request.
 */
export function statement(db: Database, sql: string): Statement {
  let cache = caches.get(db)
  if (!cache) {
    cache = new Map()
    caches.set(db, cache)
  }
  let prepared = cache.get(sql)
  if (!prepared) {
    if (cache.size >= statements_per_database_max) throw new Error(`more than ${statements_per_database_max} distinct statements on one database`)
    prepared = db.prepare(sql)
    cache.set(sql, prepared)
  }
  return prepared
}
