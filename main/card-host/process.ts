import { statement } from '../store/statements'
import type { HostContext } from '../host/context'
import type { IsoMessage } from '../iso8583/codec'
import { fieldString } from '../iso8583/codec'
import { maskedFields } from '../iso8583/mask'
import { IdempotencyConflict } from '../ledger/errors'
import { findTerminal } from '../cards/terminals'
import { cardByPan, panHmac } from '../cards/cards'
import { answerTo, toMessage, type StoredAnswer } from './answer'
import { authorise } from './authorise'
import { baseMti, keyOf, responseMti } from './identity'
import { earlyReversal, reverse } from './reverse'
import { parseTrack2 } from './track2'

export type Logger = (line: string) => void

/**
 * Answers one decoded request. Runs inside the group's transaction; every path returns an
 * answer (an unexpected error becomes 96 for this message alone, its savepoint rolled
 * back), and both messages are written to the masked message log.
 */
export function processMessage(ctx: HostContext, request: IsoMessage, log: Logger): IsoMessage {
  const terminal_id = fieldString(request, 41) ?? ''
  logMessage(ctx, terminal_id, 'in', request)
  let answer: IsoMessage
  try {
    answer = ctx.db.transaction(() => answerFor(ctx, request, terminal_id))()
  } catch (error) {
    log(`card host: internal error on ${request.mti} from ${terminal_id || 'unknown terminal'}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`)
    answer = toMessage(answerTo(request, responseMti(request.mti), '96'))
  }
  logMessage(ctx, terminal_id, 'out', answer)
  return answer
}

function answerFor(ctx: HostContext, request: IsoMessage, terminal_id: string): IsoMessage {
  const mti_base = baseMti(request.mti)
  const response_mti = responseMti(request.mti)
  const terminal = findTerminal(ctx.db, terminal_id)
  if (!terminal || terminal.status !== 'active') return toMessage(answerTo(request, response_mti, '12'))
  if (mti_base === '0800') {
    const code = ['001', '002', '301'].includes(fieldString(request, 70) ?? '') ? '00' : '12'
    return toMessage(answerTo(request, response_mti, code))
  }
  const key = keyOf(request)
  if (!key || !['0100', '0200', '0400', '0420'].includes(mti_base)) {
    return toMessage(answerTo(request, response_mti, key ? '12' : '30'))
  }
  try {
    const outcome = ctx.requests.run(
      { scope: `terminal:${terminal_id}`, idempotency_key: key, kind: `iso_${mti_base}`, content: contentOf(ctx, request) },
      ctx.clock.now(),
      (request_id): StoredAnswer =>
        mti_base === '0400' || mti_base === '0420'
          ? reverse(ctx, { terminal_id, request, response_mti })
          : authorise(ctx, { terminal, request, request_id, response_mti, early_reversal_actual_minor: earlyReversal(ctx, terminal_id, key) }),
    )
    return toMessage(outcome.response)
  } catch (error) {
    // Same terminal, STAN and time but different content: not a repeat, a duplicate.
    if (error instanceof IdempotencyConflict) return toMessage(answerTo(request, response_mti, '94'))
    throw error
  }
}

/**
 * What makes two messages the same request: everything that matters to the money, with
 * the PAN as its keyed hash and without the PIN block or track data, which are never kept.
 */
function contentOf(ctx: HostContext, request: IsoMessage): Record<string, string> {
  const content: Record<string, string> = {}
  for (const field of [3, 4, 49, 90, 95]) {
    const value = fieldString(request, field)
    if (value !== undefined) content[String(field)] = value
  }
  const track = fieldString(request, 35)
  const pan = track !== undefined ? parseTrack2(track)?.pan : fieldString(request, 2)
  if (pan) content.pan = panHmac(ctx.host_secret, pan)
  return content
}

function logMessage(ctx: HostContext, terminal_id: string, direction: 'in' | 'out', message: IsoMessage): void {
  statement(ctx.db, 'INSERT INTO iso_messages (at, terminal_id, direction, mti, stan, response_code, fields_json) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(
      ctx.clock.now().toISOString(),
      terminal_id,
      direction,
      message.mti,
      fieldString(message, 11) ?? '',
      fieldString(message, 39) ?? '',
      JSON.stringify(maskedFields(message)),
    )
}

export { cardByPan }
