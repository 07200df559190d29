import { statement } from '../store/statements'
import type { HostContext } from '../host/context'
import type { IsoMessage } from '../iso8583/codec'
import { fieldString } from '../iso8583/codec'
import type { TransferRow } from '../ledger/transfers'
import { answerTo, type StoredAnswer } from './answer'
import { parseOriginalData, requestKey } from './identity'

/**
 * A reversal (0400/0420) undoes its original exactly once, whatever the order: after the
 * original, it moves the money back (all of it, or what was not dispensed: field 95); before
 * the original, it is remembered so the original moves nothing (or only what was
 * dispensed); twice, or from two different reversal messages, it applies once. It is always
 * acknowledged with 00, as reversal advices are.
 */
export function reverse(ctx: HostContext, input: { terminal_id: string; request: IsoMessage; response_mti: string }): StoredAnswer {
  const { request } = input
  const original = parseOriginalData(fieldString(request, 90) ?? '')
  if (!original) return answerTo(request, input.response_mti, '30')
  const original_key = requestKey(original.mti_base, original.stan, original.transmission)
  const replacement = fieldString(request, 95)
  const actual_minor = replacement && /^\d{12}/.test(replacement) ? Number(replacement.slice(0, 12)) : 0
  const now = ctx.clock.now()
  // Keyed by the original, not by this message: a second reversal of it replays the first.
  ctx.requests.run(
    { scope: `terminal:${input.terminal_id}`, idempotency_key: `reversal-of:${original_key}`, kind: 'iso_reversal', content: { original_key } },
    now,
    (request_id) => {
      const found = statement(ctx.db, 'SELECT id FROM requests WHERE scope = ? AND idempotency_key = ?')
        .get(`terminal:${input.terminal_id}`, original_key) as { id: number } | undefined
      if (!found) {
        statement(ctx.db, 'INSERT INTO early_reversals (terminal_id, original_key, actual_minor, received_at) VALUES (?, ?, ?, ?)')
          .run(input.terminal_id, original_key, actual_minor, now.toISOString())
        return { outcome: 'remembered_before_original' }
      }
      const transfers = statement(ctx.db, 'SELECT * FROM transfers WHERE request_id = ? ORDER BY id').all(found.id) as TransferRow[]
      const moved = transfers.find((t) => t.phase === 'single' || t.phase === 'pending')
      if (!moved) return { outcome: 'original_moved_nothing' }
      if (moved.phase === 'pending') {
        ctx.ledger.apply(request_id, [{ type: 'void', pending_id: moved.id, code: 'reversal', memo: 'reversed by the terminal' }], now)
        return { outcome: 'hold_voided' }
      }
      const reversed_minor = moved.amount_minor - Math.min(actual_minor, moved.amount_minor)
      if (reversed_minor === 0) return { outcome: 'all_dispensed' }
      const [transfer] = ctx.ledger.apply(
        request_id,
        [{ type: 'reverse', transfer_id: moved.id, amount_minor: reversed_minor, memo: actual_minor > 0 ? `partial dispense: ${actual_minor} dispensed` : 'reversed by the terminal' }],
        now,
      )
      const withdrawal = statement(ctx.db, 'SELECT card_id FROM card_withdrawals WHERE transfer_id = ?').get(moved.id) as { card_id: number } | undefined
      if (withdrawal && transfer) {
        // What was not dispensed does not count against the card's daily limit.
        statement(ctx.db, 'INSERT INTO card_withdrawals (card_id, request_id, transfer_id, amount_minor, at) VALUES (?, ?, ?, ?, ?)')
          .run(withdrawal.card_id, request_id, transfer.id, -reversed_minor, now.toISOString())
      }
      return { outcome: 'reversed', reversed_minor }
    },
  )
  return answerTo(request, input.response_mti, '00')
}

/** A reversal that came before this original: null if none, else what was dispensed. */
export function earlyReversal(ctx: HostContext, terminal_id: string, key: string): number | null {
  const row = statement(ctx.db, 'SELECT actual_minor FROM early_reversals WHERE terminal_id = ? AND original_key = ?').get(terminal_id, key) as
    | { actual_minor: number }
    | undefined
  return row ? row.actual_minor : null
}
