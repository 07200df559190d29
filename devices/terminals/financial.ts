/**
 * One financial request (0200) and what its answer, or its silence, means. No answer within
 * reply_timeout_ms (or a connection lost while waiting) means the terminal cannot know
 * whether the host moved the money, so it reverses at once with an advice; a request that
 * never left (no connection) needs nothing.
 */
import type { IsoMessage } from '../../main/iso8583/codec'
import { fieldString } from '../../main/iso8583/codec'
import { parseBalances, type Balances } from './balances'
import type { IsoLink } from './iso-client'
import type { ReversalQueue, ReversalResult } from './reversal'

export type FinancialOutcome =
  | { kind: 'answered'; answer: IsoMessage; code: string; approval_code: string | null; rrn: string | null; balances: Balances }
  | { kind: 'not_sent' }
  | { kind: 'no_answer'; reversal: ReversalResult }

export async function sendFinancial(link: IsoLink, reversals: ReversalQueue, request: IsoMessage, pan: string): Promise<FinancialOutcome> {
  const result = await link.exchange(request)
  if (result.kind === 'no_answer') {
    if (!result.sent) return { kind: 'not_sent' }
    return { kind: 'no_answer', reversal: await reversals.reverse(request, { pan }) }
  }
  const answer = result.message
  return {
    kind: 'answered',
    answer,
    // An answer without a response code is treated as a decline the terminal cannot explain.
    code: fieldString(answer, 39) ?? '??',
    approval_code: fieldString(answer, 38)?.trim() || null,
    rrn: fieldString(answer, 37)?.trim() || fieldString(request, 37)?.trim() || null,
    balances: parseBalances(fieldString(answer, 54)),
  }
}
