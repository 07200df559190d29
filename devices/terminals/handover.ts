/**
 * Receives what the bank's host hands to its emulators (main/host/handover.ts): a newly
 * issued card's plastic goes into the wallet, and a terminal's clear PIN key either
 * registers the terminal here (pointed at the local card host) or, after a rekey, replaces
 * its key. The shapes are written out instead of imported, because the emulators may not
 * import the host; TypeScript checks them against the host's EmulatorReceiver where the
 * host connects this.
 */
import { makePlastic } from '../cards/plastic'
import type { TerminalCurrency } from './money'
import type { TerminalService } from './service'

export interface HandedPlastic {
  pan: string
  name: string
  expiry_yymm: string
  service_code: string
  discretionary: string
}

export interface HandedTerminalKey {
  terminal_id: string
  kind: 'atm' | 'pos'
  pin_key_hex: string
  /** ISO 4217 alpha. */
  currency: string
  location: string
  merchant_name: string | null
}

export interface EmulatorReceiverForHost {
  receivePlastic(plastic: HandedPlastic, label: string): void
  receiveTerminalKey(delivery: HandedTerminalKey): void
}

/**
 * `local_iso` is the card host the new terminals connect to; `currencyOf` turns the
 * delivery's currency code into what a terminal needs (numeric for field 49, exponent).
 */
export function emulatorReceiver(
  service: TerminalService,
  local_iso: { host: string; port: number },
  currencyOf: (alpha: string) => TerminalCurrency | undefined,
): EmulatorReceiverForHost {
  return {
    receivePlastic(plastic, label) {
      // A reissued card may come with a label already in the wallet: the new plastic replaces the old.
      service.wallet.remove(label)
      service.wallet.add(makePlastic({ label, ...plastic }))
    },
    receiveTerminalKey(delivery) {
      if (service.hasTerminal(delivery.terminal_id)) {
        service.setPinKey(delivery.terminal_id, delivery.pin_key_hex)
        return
      }
      const currency = currencyOf(delivery.currency)
      if (currency === undefined) throw new Error(`emulatorReceiver: the host knows no currency ${delivery.currency}`)
      // A POS names its merchant on statements (field 43), unless the location already does.
      const merchant = delivery.merchant_name
      const location = merchant === null || delivery.location.includes(merchant) ? delivery.location : `${merchant}, ${delivery.location}`
      service.addTerminal({
        terminal_id: delivery.terminal_id,
        kind: delivery.kind,
        iso_host: local_iso.host,
        iso_port: local_iso.port,
        follow_local_host: true,
        pin_key_hex: delivery.pin_key_hex,
        currency,
        location: printableAscii(location).slice(0, 40),
      })
    },
  }
}

/** Field 43 carries printable ASCII only: accents are taken off ("é" → "e") and anything else dropped. */
function printableAscii(text: string): string {
  return text.normalize('NFKD').replace(/[^\x20-\x7e]/g, '')
}
