/** What each message type is, for the side panel (docs/iso8583.md section 5). */
const names: Readonly<Record<string, string>> = {
  '0100': 'Authorisation request',
  '0110': 'Authorisation response',
  '0200': 'Financial request',
  '0201': 'Financial request (repeat)',
  '0210': 'Financial response',
  '0400': 'Reversal request',
  '0410': 'Reversal response',
  '0420': 'Reversal advice',
  '0421': 'Reversal advice (repeat)',
  '0430': 'Reversal advice response',
  '0800': 'Network management request',
  '0810': 'Network management response',
}

export function mtiName(mti: string): string {
  return names[mti] ?? 'Message'
}
