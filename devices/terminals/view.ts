/**
 * What the terminal service's HTTP API sends the screens: plain JSON shapes with no Node
 * types, so the renderer imports this file (types only) and the two sides cannot drift.
 * The service builds these from the terminals' state and checks them with `satisfies`.
 */

/** The staff roles that may drive the emulated terminals (checked by the host on every /devices/api request). */
export const terminal_staff_roles = ['administrator', 'supervisor', 'branch_tester', 'technician'] as const

export type TerminalKindView = 'atm' | 'pos'
export type LinkStatusView = 'connecting' | 'signing_on' | 'online' | 'refused' | 'offline' | 'stopped'

/** ATM function keys beside the display: L1-L4 on the left, R1-R4 on the right, top to bottom. */
export const function_keys = ['L1', 'L2', 'L3', 'L4', 'R1', 'R2', 'R3', 'R4'] as const
export type FunctionKey = (typeof function_keys)[number]
export const digit_keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '0'] as const
export type DigitKey = (typeof digit_keys)[number]
export const command_keys = ['cancel', 'clear', 'enter'] as const
export type CommandKey = (typeof command_keys)[number]
export type TerminalKey = FunctionKey | DigitKey | CommandKey
export const terminal_keys: readonly TerminalKey[] = [...function_keys, ...digit_keys, ...command_keys]

/** How the display should look: waiting, a good or bad result, or out of service. */
export type ScreenTone = 'normal' | 'wait' | 'approved' | 'declined' | 'out_of_service' | 'supervisor'

export interface ScreenView {
  /** A stable name for tests and styling: 'idle', 'pin', 'menu', 'amount', 'processing', 'finished', … */
  name: string
  title: string
  lines: string[]
  /** Labels beside the ATM's function keys; a key without a label does nothing. */
  function_keys: Partial<Record<FunctionKey, string>>
  /** The input line: PIN dots or the amount being typed. */
  entry: { label: string; text: string } | null
  tone: ScreenTone
}

export interface CardSlotView {
  state: 'empty' | 'inserted' | 'ejected' | 'retained'
  /** The wallet label of the card in the slot, when it came from the wallet. */
  label: string | null
  pan_masked: string | null
}

export interface NotesView {
  denomination_minor: number
  count: number
  /** "USD 20.00" */
  denomination_label: string
}

export interface ReceiptView {
  seq: number
  printed_at: string
  lines: string[]
}

export interface CassetteView {
  slot: number
  denomination_minor: number
  denomination_label: string
  currency: string
  count: number
  loaded: number
  dispensed: number
  jam_after_notes: number | null
  jammed: boolean
}

export interface MessageFieldView {
  field: number
  name: string
  value: string
}

export interface MessageView {
  seq: number
  at: string
  direction: 'sent' | 'received'
  mti: string
  stan: string | null
  response_code: string | null
  fields: MessageFieldView[]
}

export interface JournalEntryView {
  at: string
  stan: string | null
  transaction: 'withdrawal' | 'purchase' | 'balance' | 'transfer_to_value'
  pan_masked: string
  amount_minor: number
  currency: string
  outcome: 'approved' | 'declined' | 'partial_dispense' | 'no_answer' | 'not_sent' | 'cannot_dispense'
  response_code: string | null
  approval_code: string | null
  rrn: string | null
  dispensed_minor: number | null
  notes: Array<{ denomination_minor: number; count: number }> | null
  reversal: 'none' | 'acknowledged' | 'queued'
  detail: string
}

export interface TerminalSummaryView {
  terminal_id: string
  kind: TerminalKindView
  location: string
  iso_host: string
  iso_port: number
  currency: string
  link: { status: LinkStatusView; detail: string }
}

export interface TerminalView extends TerminalSummaryView {
  /** Increases with every change; a screen ignores a view older than the one it shows. */
  version: number
  exponent: number
  screen: ScreenView
  card: CardSlotView
  /** ATM: notes presented and not yet taken. Empty for a POS. */
  cash_tray: NotesView[]
  /** Printed and not yet taken, oldest first. */
  receipts: ReceiptView[]
  supervisor: boolean
  /** ATM only; empty for a POS. */
  cassettes: CassetteView[]
  /** Reversal advices waiting for the host. */
  pending_reversals: number
  /** The newest messages exchanged, oldest first; `message_count` says how many the log holds. */
  messages: MessageView[]
  message_count: number
  /**
   * Field 42 the next payment carries, and for a shared acquirer POS (seed 001 fig. 4B) the
   * merchant the tester chose it for; null name means the terminal's own merchant.
   */
  acceptor: { acceptor_id: string; merchant_name: string | null }
}

export interface WalletCardView {
  label: string
  pan_masked: string
  name: string
  expiry_yymm: string
}

/** Every error answer of the terminal API. */
export interface TerminalProblemView {
  code: string
  message: string
}
