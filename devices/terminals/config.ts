/**
 * An emulated terminal's configuration: who it is to the host, where the host is, its PIN
 * key (loaded into the PIN pad at onboarding, kept only in the terminal service's state
 * file, as in a terminal's secure memory), its currency, and for an ATM its cassettes.
 */
import { TerminalConfigInvalid } from './errors'
import { cassettes_max, type Cassette } from './cassettes'
import { assertCurrency, type TerminalCurrency } from './money'

export type TerminalKind = 'atm' | 'pos'

export interface TerminalConfig {
  /** Field 41: 8 capital letters or digits, as the host registered it. */
  terminal_id: string
  kind: TerminalKind
  /** Where the ISO 8583 host listens: ours (127.0.0.1 and the card host's port) or another bank's. */
  iso_host: string
  iso_port: number
  /**
   * True for a terminal of the app's own bank: at every start it connects to the card host
   * the service runs beside (TerminalServiceOptions.local_iso), whatever port that host
   * picked today, instead of iso_host and iso_port as saved.
   */
  follow_local_host?: boolean
  /** The double- or triple-length 3DES PIN key, 32 or 48 hex digits. */
  pin_key_hex: string
  currency: TerminalCurrency
  /** Field 43: the branch (ATM) or the merchant's name and place (POS); at most 40 characters. */
  location: string
  /** Field 42, card acceptor id; defaults to the terminal id. At most 15 characters. */
  acceptor_id?: string
  /** ATM only: the cassettes as loaded; defaults to `defaultCassettes`. */
  cassettes?: Array<{ denomination_minor: number; count: number }>
}

export const location_length_max = 40
export const acceptor_id_length_max = 15

/** An ATM with no cassettes configured gets 10, 20, 50 and 100 in whole units, 200 notes each. */
export function defaultCassettes(currency: TerminalCurrency): Cassette[] {
  return [10, 20, 50, 100].map((units) => ({ denomination_minor: units * 10 ** currency.exponent, count: 200, currency: currency.alpha }))
}

/** Throws TerminalConfigInvalid with a sentence naming the field. */
export function checkTerminalConfig(config: TerminalConfig): void {
  const fail = (message: string): never => {
    throw new TerminalConfigInvalid(message)
  }
  if (!/^[A-Z0-9]{8}$/.test(config.terminal_id)) fail('A terminal id is 8 capital letters or digits.')
  if (config.kind !== 'atm' && config.kind !== 'pos') fail('A terminal is an "atm" or a "pos".')
  if (config.iso_host.trim() === '' || config.iso_host.length > 253) fail('The ISO host is a host name or address.')
  if (!Number.isInteger(config.iso_port) || config.iso_port < 1 || config.iso_port > 65_535) fail('The ISO port is 1 to 65535.')
  if (!/^([0-9a-fA-F]{32}|[0-9a-fA-F]{48})$/.test(config.pin_key_hex)) fail('The PIN key is 32 or 48 hex digits (double- or triple-length 3DES).')
  try {
    assertCurrency(config.currency)
  } catch (error) {
    fail(`The currency is invalid: ${error instanceof Error ? error.message : String(error)}.`)
  }
  if (config.location.length > location_length_max || !/^[\x20-\x7e]*$/.test(config.location)) {
    fail(`The location is at most ${location_length_max} printable ASCII characters.`)
  }
  if (config.acceptor_id !== undefined && (config.acceptor_id.length === 0 || config.acceptor_id.length > acceptor_id_length_max || !/^[\x20-\x7e]*$/.test(config.acceptor_id))) {
    fail(`The acceptor id is 1 to ${acceptor_id_length_max} printable ASCII characters.`)
  }
  if (config.cassettes !== undefined) {
    if (config.kind !== 'atm') fail('Only an ATM has cassettes.')
    checkCassetteLoad(config.cassettes)
  }
}

/** A supervisor's cassette load: 1 to cassettes_max cassettes of positive denominations and whole note counts. */
export function checkCassetteLoad(cassettes: ReadonlyArray<{ denomination_minor: number; count: number }>): void {
  if (cassettes.length === 0 || cassettes.length > cassettes_max) throw new TerminalConfigInvalid(`An ATM has 1 to ${cassettes_max} cassettes.`)
  for (const cassette of cassettes) {
    if (!Number.isSafeInteger(cassette.denomination_minor) || cassette.denomination_minor <= 0) {
      throw new TerminalConfigInvalid('A note denomination is a positive whole number of minor units.')
    }
    if (!Number.isSafeInteger(cassette.count) || cassette.count < 0 || cassette.count > 10_000) {
      throw new TerminalConfigInvalid('A cassette holds 0 to 10000 notes.')
    }
  }
}
