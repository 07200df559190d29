import type { Database } from 'better-sqlite3'
import type { Clock } from '../clock'
import type { Ledger } from './transfers'
import type { Requests } from './requests'

export const expiry_batch_max = 500

/**
 * Voids holds whose expiry has passed, so the money they held is available again. Each
 * void is its own idempotent request keyed by the hold, so a sweep that runs twice, or
 * races a post, never voids a hold twice. Returns how many holds it voided.
 *
 * `onVoided` runs inside each void's transaction (the host writes the audit entry there),
 * so the record and the money move commit together or not at all.
 */
export function voidExpiredHolds(
  db: Database,
  clock: Clock,
  ledger: Ledger,
  requests: Requests,
  onVoided?: (voided: { hold_id: number; transfer_ids: number[]; request_id: number }) => void,
): number {
  const now = clock.now()
  const expired = db
    .prepare(
      `SELECT h.id FROM transfers h
       WHERE h.phase = 'pending' AND h.expires_at <= ?
         AND NOT EXISTS (SELECT 1 FROM transfers r WHERE r.pending_id = h.id)
       ORDER BY h.expires_at LIMIT ?`,
    )
    .all(now.toISOString(), expiry_batch_max) as Array<{ id: number }>
  for (const hold of expired) {
    requests.run({ scope: 'system', idempotency_key: `expire-hold:${hold.id}`, kind: 'expiry', content: { hold: hold.id } }, now, (request_id) => {
      const transfer_ids = ledger.apply(request_id, [{ type: 'void', pending_id: hold.id, code: 'expiry', memo: 'hold expired' }], now).map((t) => t.id)
      onVoided?.({ hold_id: hold.id, transfer_ids, request_id })
      return transfer_ids
    })
  }
  return expired.length
}
