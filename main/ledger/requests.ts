import { createHash } from 'node:crypto'
import type { Database, Statement } from 'better-sqlite3'
import { IdempotencyConflict } from './errors'

export const idempotency_key_length_max = 255

export interface RequestIdentity {
  /** Who the key belongs to: two merchants may both use key "1". e.g. `merchant:7`. */
  scope: string
  idempotency_key: string
  /** What kind of request, e.g. `purchase`; part of the content that must match. */
  kind: string
  /** The request's meaningful content; a repeat must carry exactly the same. */
  content: unknown
}

export interface RequestOutcome<T> {
  response: T
  /** True when this is a repeat: the stored first answer, and nothing moved. */
  replayed: boolean
  request_id: number
}

/** Canonical JSON (sorted keys) so that field order never makes two requests differ. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  )
}

/**
 * Runs a money-moving request exactly once per idempotency key. The first call runs
 * `execute` inside one transaction together with the record of its answer; a repeat with
 * the same content returns that answer and moves nothing; the same key with different
 * content throws IdempotencyConflict. Declines are answers too and are replayed alike.
 */
export class Requests {
  private readonly select: Statement
  private readonly insert: Statement
  private readonly answer: Statement

  constructor(private readonly db: Database) {
    this.select = db.prepare('SELECT id, kind, content_sha256, response_json FROM requests WHERE scope = ? AND idempotency_key = ?')
    this.insert = db.prepare(
      `INSERT INTO requests (scope, idempotency_key, kind, content_sha256, response_json, created_at)
       VALUES (?, ?, ?, ?, 'null', ?) RETURNING id`,
    )
    this.answer = db.prepare('UPDATE requests SET response_json = ? WHERE id = ?')
  }

  run<T>(identity: RequestIdentity, now: Date, execute: (request_id: number) => T): RequestOutcome<T> {
    const key = identity.idempotency_key
    if (key.length === 0 || key.length > idempotency_key_length_max) {
      throw new RangeError(`an idempotency key has 1 to ${idempotency_key_length_max} characters`)
    }
    const content_sha256 = createHash('sha256').update(canonicalJson({ kind: identity.kind, content: identity.content })).digest('hex')
    return this.db.transaction((): RequestOutcome<T> => {
      const existing = this.select.get(identity.scope, key) as
        | { id: number; kind: string; content_sha256: string; response_json: string }
        | undefined
      if (existing) {
        if (existing.content_sha256 !== content_sha256) throw new IdempotencyConflict(key)
        return { response: JSON.parse(existing.response_json) as T, replayed: true, request_id: existing.id }
      }
      const { id } = this.insert.get(identity.scope, key, identity.kind, content_sha256, now.toISOString()) as { id: number }
      const response = execute(id)
      this.answer.run(JSON.stringify(response), id)
      return { response, replayed: false, request_id: id }
    }).immediate()
  }
}
