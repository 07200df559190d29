import type { IssuedPlastic } from '../cards/cards'

/** A terminal's clear PIN key, as loaded into its PIN pad at key ceremony. */
export interface TerminalKeyDelivery {
  terminal_id: string
  kind: 'atm' | 'pos'
  pin_key_hex: string
  currency: string
  location: string
  merchant_name: string | null
}

export interface EmulatorReceiver {
  receivePlastic(plastic: IssuedPlastic, label: string): void
  receiveTerminalKey(delivery: TerminalKeyDelivery): void
}

/**
 * Hands what the host must not keep to the emulated terminals, the way a bank hands a card
 * to its holder and a key to a technician: a new card's plastic (track data, CVV) and a
 * terminal's clear PIN key. Nothing passes through the database or a log. When no
 * emulators run (a host serving real terminals), delivery reports false and the console
 * says so.
 */
export class Handover {
  private receiver: EmulatorReceiver | null = null

  connect(receiver: EmulatorReceiver): void {
    this.receiver = receiver
  }

  plastic(plastic: IssuedPlastic, label: string): boolean {
    if (!this.receiver) return false
    this.receiver.receivePlastic(plastic, label)
    return true
  }

  terminalKey(delivery: TerminalKeyDelivery): boolean {
    if (!this.receiver) return false
    this.receiver.receiveTerminalKey(delivery)
    return true
  }
}
