/**
 * The electronic journal: one entry per transaction the terminal attempted, as a supervisor
 * audits it after a dispute ("did the ATM pay out?"). Card numbers are masked (first 6, last
 * 4); nothing of the track or PIN is kept. The oldest entries go first when it is full, as
 * on a real terminal's journal printer roll.
 */
import { maskPan } from '../../main/iso8583/mask'
import type { TransactionKind } from './processing-codes'

export const journal_entries_max = 500

export type JournalOutcome =
  | 'approved'
  | 'declined'
  | 'partial_dispense'
  | 'no_answer'
  | 'not_sent'
  | 'cannot_dispense'

export type ReversalState = 'none' | 'acknowledged' | 'queued'

export interface JournalEntry {
  at: string
  stan: string | null
  transaction: TransactionKind
  pan_masked: string
  amount_minor: number
  currency: string
  outcome: JournalOutcome
  response_code: string | null
  approval_code: string | null
  rrn: string | null
  /** ATM withdrawals: what actually went into the tray. */
  dispensed_minor: number | null
  notes: Array<{ denomination_minor: number; count: number }> | null
  reversal: ReversalState
  detail: string
}

export class Journal {
  private readonly entries: JournalEntry[]

  constructor(entries: readonly JournalEntry[] = []) {
    this.entries = entries.slice(-journal_entries_max)
  }

  add(entry: Omit<JournalEntry, 'pan_masked'> & { pan: string }): JournalEntry {
    const { pan, ...rest } = entry
    const kept: JournalEntry = { ...rest, pan_masked: maskPan(pan) }
    this.entries.push(kept)
    if (this.entries.length > journal_entries_max) this.entries.shift()
    return kept
  }

  /**
   * Records one transaction of a terminal: what happened, with every field it does not
   * name empty, in the terminal's currency, at the terminal's time. The PAN is masked here.
   */
  record(
    entry: Pick<JournalEntry, 'transaction' | 'amount_minor' | 'outcome' | 'detail'> & Partial<JournalEntry>,
    context: { at: Date; currency: string; pan: string },
  ): JournalEntry {
    return this.add({
      at: context.at.toISOString(),
      stan: null,
      response_code: null,
      approval_code: null,
      rrn: null,
      dispensed_minor: null,
      notes: null,
      reversal: 'none',
      currency: context.currency,
      ...entry,
      pan: context.pan,
    })
  }

  /** Newest first, as a supervisor reads it. */
  list(): JournalEntry[] {
    return [...this.entries].reverse()
  }

  /** Oldest first, as it is saved. */
  toJSON(): JournalEntry[] {
    return [...this.entries]
  }

  get size(): number {
    return this.entries.length
  }
}
