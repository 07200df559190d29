/**
 * What the ATM's display shows for each state, and which function keys have a label. Pure:
 * the state machine (atm.ts) decides, this file only words it.
 */
import type { CassetteState } from './dispenser'
import { amountText } from './amount-entry'
import { formatMoney, wholeUnits, type TerminalCurrency } from './money'
import type { PinEntry } from './pin-pad'
import type { AtmRequest } from './atm'
import type { ScreenView } from './view'

export type AtmScreen =
  | { name: 'idle' }
  | { name: 'pin'; pin: PinEntry; retry: AtmRequest | null; message: string | null }
  | { name: 'menu' }
  | { name: 'fast_cash'; message: string | null }
  | { name: 'amount'; purpose: 'withdrawal' | 'transfer_to_value'; digits: string; message: string | null }
  | { name: 'processing' }
  | { name: 'finished'; title: string; lines: string[]; tone: 'normal' | 'approved' | 'declined' }
  | { name: 'retained'; meaning: string }
  | { name: 'supervisor' }

/** Fast-cash amounts in whole units, on L1-L4 and R1. */
export const fast_cash_units = [20, 40, 60, 100, 200] as const

export interface AtmScreenContext {
  in_service: boolean
  link_detail: string
  reversals_full: boolean
  currency: TerminalCurrency
  location: string
  cassettes: readonly CassetteState[]
}

const blank = { function_keys: {}, entry: null, tone: 'normal' } as const

export function atmScreen(screen: AtmScreen, context: AtmScreenContext): ScreenView {
  const { currency } = context
  switch (screen.name) {
    case 'idle':
      if (!context.in_service) {
        return {
          ...blank,
          name: 'out_of_service',
          title: 'Sorry, this ATM is temporarily out of service',
          lines: [context.reversals_full ? 'Reversals are waiting for the bank.' : context.link_detail],
          tone: 'out_of_service',
        }
      }
      return { ...blank, name: 'idle', title: 'Welcome', lines: [context.location, '', 'Please insert your card.'] }
    case 'pin':
      return {
        ...blank,
        name: 'pin',
        title: 'Please enter your PIN',
        lines: [...(screen.message ? [screen.message] : []), 'Press Enter when done, Clear to start again, Cancel to stop.'],
        entry: { label: 'PIN', text: screen.pin.dots },
      }
    case 'menu':
      return {
        ...blank,
        name: 'menu',
        title: 'Please select a transaction',
        lines: [],
        function_keys: { R1: 'Withdrawal', R2: 'Balance', R3: 'Transfer to value account', R4: 'Cancel' },
      }
    case 'fast_cash':
      return {
        ...blank,
        name: 'fast_cash',
        title: 'Withdrawal: choose an amount',
        lines: screen.message ? [screen.message] : [],
        function_keys: {
          L1: formatMoney(wholeUnits(fast_cash_units[0], currency), currency),
          L2: formatMoney(wholeUnits(fast_cash_units[1], currency), currency),
          L3: formatMoney(wholeUnits(fast_cash_units[2], currency), currency),
          L4: formatMoney(wholeUnits(fast_cash_units[3], currency), currency),
          R1: formatMoney(wholeUnits(fast_cash_units[4], currency), currency),
          R2: 'Other amount',
          R4: 'Cancel',
        },
        tone: screen.message ? 'declined' : 'normal',
      }
    case 'amount': {
      const withdrawal = screen.purpose === 'withdrawal'
      const hint = withdrawal ? `Whole amounts only. Notes: ${noteList(context)}.` : 'Type the amount in cents: 1250 is 12.50.'
      return {
        ...blank,
        name: 'amount',
        title: withdrawal ? 'Withdrawal: enter the amount' : 'Transfer to value account: enter the amount',
        lines: [...(screen.message ? [screen.message] : []), hint, 'Press Enter to confirm.'],
        entry: { label: 'Amount', text: amountText(screen.digits, withdrawal ? 'whole' : 'minor', currency) },
        tone: screen.message ? 'declined' : 'normal',
      }
    }
    case 'processing':
      return { ...blank, name: 'processing', title: 'Please wait', lines: ['Your transaction is being processed.'], tone: 'wait' }
    case 'finished':
      return { ...blank, name: 'finished', title: screen.title, lines: screen.lines, tone: screen.tone }
    case 'retained':
      return {
        ...blank,
        name: 'retained',
        title: 'Your card has been retained',
        lines: [screen.meaning, 'Please contact your bank.'],
        tone: 'declined',
      }
    case 'supervisor':
      return {
        ...blank,
        name: 'supervisor',
        title: 'Supervisor mode',
        lines: [
          'Out of service for customers.',
          ...context.cassettes.map(
            (c, index) =>
              `Cassette ${index + 1}: ${formatMoney(c.denomination_minor, currency)} × ${c.count}` +
              `${c.jammed ? ' (JAMMED)' : ''}${c.jam_after_notes !== null && !c.jammed ? ` (jams after ${c.jam_after_notes})` : ''}`,
          ),
        ],
        tone: 'supervisor',
      }
  }
}

/** The denominations the ATM can pay out now, for the amount hint. */
function noteList(context: AtmScreenContext): string {
  const denominations = [...new Set(context.cassettes.filter((c) => c.count > 0 && !c.jammed).map((c) => c.denomination_minor))].sort((a, b) => a - b)
  return denominations.length === 0 ? 'none left' : denominations.map((d) => formatMoney(d, context.currency).replace(`${context.currency.alpha} `, '')).join(', ')
}
