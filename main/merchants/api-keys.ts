/**
 * A merchant's API keys as the back office manages them: listed by prefix and label (the
 * key itself is never kept, only its SHA-256), created and shown once, revoked, rotated.
 * Rotating creates the successor and links the old key to it; the old key keeps working
 * until it is revoked, so the merchant can switch over without a gap.
 */
import type { Database } from '../store/database'
import type { Clock } from '../clock'
import { RequestError } from '../errors'
import { sha256Hex } from '../security/secrets'
import { createApiKey, merchant } from './merchants'

export interface ApiKeyView {
  id: number
  merchant_id: number
  key_prefix: string
  label: string
  created_at: string
  revoked_at: string | null
  replaced_by_id: number | null
  replaced_by_prefix: string | null
}

const key_select = `SELECT k.id, k.merchant_id, k.key_prefix, k.label, k.created_at, k.revoked_at, k.replaced_by_id, n.key_prefix AS replaced_by_prefix
  FROM merchant_api_keys k LEFT JOIN merchant_api_keys n ON n.id = k.replaced_by_id`

export function listApiKeys(db: Database, merchant_id: number): ApiKeyView[] {
  merchant(db, merchant_id)
  return db.prepare(`${key_select} WHERE k.merchant_id = ? ORDER BY k.revoked_at IS NOT NULL, k.id DESC`).all(merchant_id) as ApiKeyView[]
}

export function apiKey(db: Database, key_id: number): ApiKeyView {
  const row = db.prepare(`${key_select} WHERE k.id = ?`).get(key_id) as ApiKeyView | undefined
  if (!row) throw new RequestError('not_found', `There is no API key ${key_id}.`)
  return row
}

/** A new key: the answer is the only place the key ever appears. */
export function issueApiKey(db: Database, clock: Clock, merchant_id: number, label: string): { key: ApiKeyView; api_key: string } {
  return db.transaction(() => {
    const api_key = createApiKey(db, clock, merchant_id, label.trim())
    const { id } = db.prepare('SELECT id FROM merchant_api_keys WHERE key_sha256 = ?').get(sha256Hex(api_key)) as { id: number }
    return { key: apiKey(db, id), api_key }
  })()
}

export function revokeApiKey(db: Database, clock: Clock, key_id: number): ApiKeyView {
  return db.transaction(() => {
    const key = apiKey(db, key_id)
    if (key.revoked_at !== null) throw new RequestError('conflict', `Key ${key.key_prefix} was already revoked at ${key.revoked_at}.`)
    db.prepare('UPDATE merchant_api_keys SET revoked_at = ? WHERE id = ?').run(clock.now().toISOString(), key_id)
    return apiKey(db, key_id)
  })()
}

/** Creates the successor of a key and links it; revokes the old one only when asked to. */
export function rotateApiKey(
  db: Database,
  clock: Clock,
  input: { key_id: number; label?: string; revoke_old_now: boolean },
): { key: ApiKeyView; api_key: string; old: ApiKeyView } {
  return db.transaction(() => {
    const old = apiKey(db, input.key_id)
    if (old.revoked_at !== null) throw new RequestError('conflict', `Key ${old.key_prefix} is revoked: create a new key instead of rotating it.`)
    if (old.replaced_by_id !== null) throw new RequestError('conflict', `Key ${old.key_prefix} was already rotated to ${old.replaced_by_prefix}: rotate that one, or revoke this one.`)
    const made = issueApiKey(db, clock, old.merchant_id, input.label?.trim() || old.label)
    db.prepare('UPDATE merchant_api_keys SET replaced_by_id = ? WHERE id = ?').run(made.key.id, old.id)
    if (input.revoke_old_now) db.prepare('UPDATE merchant_api_keys SET revoked_at = ? WHERE id = ?').run(clock.now().toISOString(), old.id)
    return { key: made.key, api_key: made.api_key, old: apiKey(db, old.id) }
  })()
}
