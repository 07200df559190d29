/**
 * Where a swipe goes: to the test panel when the reader is in test mode, into the paired
 * terminal otherwise. This is the one place the full track leaves the reader layer, and it
 * goes only to `insertCard`; everything this returns for the status, the event stream and
 * the log is masked (first six, last four) or carries no card data at all.
 */
import type { Pairing } from './pairing'
import type { Swipe, SwipeError } from './reader'
import { panFirstSixLastFour, testSwipeView, track2ForTerminal, tracksRead } from './swipe-view'
import type { LastSwipeView, ReaderEventBody } from './view'

/** Where swipes from a paired reader go: the terminal service, or anything shaped like it. */
export interface CardSink {
  hasTerminal(terminal_id: string): boolean
  /** Track 2 with or without sentinels, and the PAN to cross-check it; throws a sentence when the terminal refuses. */
  insertCard(terminal_id: string, track2: string, pan?: string): unknown
}

export interface Routed {
  last_swipe: LastSwipeView
  event: ReaderEventBody
  /** For the host's log: never card data. */
  log_line: string
}

export function routeSwipe(swipe: Swipe, route: { test_mode: boolean; pairing: Pairing | null; at: string }, sink: CardSink): Routed {
  const pan_masked = panFirstSixLastFour(swipe.pan)
  const tracks_read = tracksRead(swipe)
  const last = (outcome: LastSwipeView['outcome'], terminal_id: string | null, message: string): LastSwipeView => ({
    at: route.at,
    outcome,
    pan_masked,
    tracks_read,
    terminal_id,
    message,
  })
  if (route.test_mode) {
    return { last_swipe: last('tested', null, 'Shown on the test panel; no terminal got it.'), event: { type: 'test_swipe', swipe: testSwipeView(swipe) }, log_line: 'test swipe read' }
  }
  const pairing = route.pairing
  if (pairing === null) {
    const message = 'The reader is not paired to a terminal, so the swipe went nowhere.'
    return { last_swipe: last('ignored', null, message), event: { type: 'card_refused', terminal_id: null, pan_masked, message }, log_line: 'swipe ignored: not paired' }
  }
  const refused = (message: string): Routed => ({
    last_swipe: last('refused', pairing.terminal_id, message),
    event: { type: 'card_refused', terminal_id: pairing.terminal_id, pan_masked, message },
    log_line: `${pairing.terminal_id} refused the card: ${message}`,
  })
  const track2 = track2ForTerminal(swipe)
  if (track2 === null) return refused('The reader read only track 1, and the terminal needs track 2: please swipe again.')
  try {
    sink.insertCard(pairing.terminal_id, track2, swipe.pan)
  } catch (error) {
    // The terminal's refusals are fixed sentences ("There is already a card in the slot."), never card data.
    return refused(error instanceof Error ? error.message : String(error))
  }
  return {
    last_swipe: last('inserted', pairing.terminal_id, `Card inserted into ${pairing.terminal_id}.`),
    event: { type: 'card_inserted', terminal_id: pairing.terminal_id, pan_masked, tracks_read },
    log_line: `card inserted into ${pairing.terminal_id}`,
  }
}

export function routeSwipeError(error: SwipeError, route: { test_mode: boolean; at: string }): Routed {
  return {
    last_swipe: { at: route.at, outcome: 'bad_swipe', pan_masked: null, tracks_read: [], terminal_id: null, message: error.message },
    event: { type: 'swipe_error', reason: error.reason, message: error.message, test_mode: route.test_mode },
    // The device layer's detail names what was wrong (a field, a length), never the card data itself.
    log_line: `bad swipe (${error.reason}): ${error.detail}`,
  }
}
