/**
 * Why a swipe could not be used, as a value. A bad swipe is an operating error: the
 * person at the reader swipes again, so nothing here throws. Each reason has one fixed
 * sentence for the screen; `detail` says more for a technician's log and never contains
 * card data.
 */

export type SwipeErrorReason =
  /** The reader said it could not decode the stripe, or it sent no track 1 or 2. */
  | 'unreadable'
  /** The report itself is malformed: wrong length, lengths out of range, unknown key code. */
  | 'bad_frame'
  /** ID TECH frames carry an LRC and a sum; one of them did not match. */
  | 'bad_checksum'
  /** A track does not begin or end with its sentinel. */
  | 'bad_sentinel'
  /** A track is not laid out as ISO/IEC 7813 says (separators, field lengths, alphabet). */
  | 'bad_format'
  /** The card number fails its Luhn check digit. */
  | 'bad_check_digit'
  /** The expiry month is not 01..12. */
  | 'bad_expiry'
  /** Tracks 1 and 2 carry different card numbers, expiry dates or service codes. */
  | 'tracks_disagree'
  /** Not an ISO 7813 bank card: a driving licence (AAMVA), a loyalty card, a JIS card. */
  | 'not_a_bank_card'
  /** The reader sends encrypted tracks, which Centavo cannot decrypt. */
  | 'encrypted'
  /** The reader stopped sending part-way through a swipe. */
  | 'incomplete'

export interface SwipeFailure {
  ok: false
  reason: SwipeErrorReason
  message: string
  detail: string
}

const messages: Record<SwipeErrorReason, string> = {
  unreadable: 'Please swipe again: the reader could not read the stripe.',
  bad_frame: 'Please swipe again: the reader sent data that could not be understood.',
  bad_checksum: 'Please swipe again: the data from the reader arrived damaged.',
  bad_sentinel: 'Please swipe again: a track was cut short.',
  bad_format: 'Please swipe again: the stripe is not laid out like a bank card.',
  bad_check_digit: 'Please swipe again: the card number did not pass its check digit.',
  bad_expiry: 'Please swipe again: the expiry date on the stripe is not a valid month.',
  tracks_disagree: 'Please swipe again: the two tracks on the stripe do not match.',
  not_a_bank_card: 'Please swipe again with a bank card: this stripe is not a payment card.',
  // Swiping again cannot help here, so this one says what can.
  encrypted: 'This reader sends encrypted card data, which Centavo cannot read: set it to clear output or use another reader.',
  incomplete: 'Please swipe again: the swipe was cut off before the reader finished sending it.',
}

export function swipeFailure(reason: SwipeErrorReason, detail: string): SwipeFailure {
  return { ok: false, reason, message: messages[reason], detail }
}

export function swipeMessage(reason: SwipeErrorReason): string {
  return messages[reason]
}
