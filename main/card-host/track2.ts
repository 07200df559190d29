/** Track 2 as terminals send it in field 35: PAN, separator, YYMM, service code, discretionary data. */
export interface Track2 {
  pan: string
  expiry_yymm: string
  service_code: string
  discretionary: string
}

export function parseTrack2(field_35: string): Track2 | undefined {
  const match = /^(\d{12,19})[=D](\d{4})(\d{3})(\d*)$/.exec(field_35)
  if (!match) return undefined
  const [, pan, expiry_yymm, service_code, discretionary] = match as unknown as [string, string, string, string, string]
  return { pan, expiry_yymm, service_code, discretionary }
}
