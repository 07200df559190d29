/**
 * A card as the terminal read it: track 2 without sentinels and the PAN from it. A swipe
 * from a paired reader arrives with or without the start (;) and end (?) sentinels; the
 * dialect's field 35 carries neither.
 */
export interface CardRead {
  /** PAN=YYMMSSS[discretionary], no sentinels. */
  track2: string
  pan: string
  expiry_yymm: string
}

/** The card, or a sentence saying why the track cannot be used. */
export function readTrack2(raw_track2: string, pan_hint?: string): CardRead | string {
  const track2 = raw_track2.replace(/^;/, '').replace(/\?$/, '')
  const match = /^(\d{12,19})[=D](\d{4})(\d{3})(\d*)$/.exec(track2)
  if (!match || track2.length > 37) return 'The card could not be read: track 2 is not PAN=YYMM, service code and digits.'
  const pan = match[1] ?? ''
  if (pan_hint !== undefined && pan_hint !== pan) return 'The card could not be read: the PAN does not match track 2.'
  return { track2, pan, expiry_yymm: match[2] ?? '' }
}
