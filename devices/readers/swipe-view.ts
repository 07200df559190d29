/**
 * From a swipe (full card data, memory only) to what may leave the reader service: the
 * masked view a screen shows, and the track 2 text a terminal needs for ISO 8583 field 35.
 */
import type { Swipe } from './reader'
import type { TestSwipeView } from './view'

/** First six and last four digits, the rest starred: the most PCI DSS lets a screen show. */
export function panFirstSixLastFour(pan: string): string {
  if (pan.length <= 10) return '*'.repeat(pan.length)
  return `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`
}

export function tracksRead(swipe: Swipe): number[] {
  return [...(swipe.track1 ? [1] : []), ...(swipe.track2 ? [2] : [])]
}

export function testSwipeView(swipe: Swipe): TestSwipeView {
  return {
    tracks_read: tracksRead(swipe),
    pan_masked: panFirstSixLastFour(swipe.pan),
    name: swipe.name,
    expiry: `${swipe.expiry_yymm.slice(2)}/${swipe.expiry_yymm.slice(0, 2)}`,
    service_code: swipe.service_code,
    format: swipe.format,
  }
}

/**
 * Track 2 as the reader read it, sentinels put back, for the terminal; null when the reader
 * read only track 1. A track 2 is not made up from track 1: its discretionary data may hold
 * characters track 2 cannot, and the issuer checks the CVV of the track it wrote.
 */
export function track2ForTerminal(swipe: Swipe): string | null {
  return swipe.track2 ? `;${swipe.track2.data}?` : null
}
