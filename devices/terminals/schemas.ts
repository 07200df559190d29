/**
 * The shapes that come from outside the terminal service, checked with zod: a terminal's
 * configuration, a supervisor's cassette load, a wallet card, and the state file as saved.
 * Values that pass are then checked for meaning by checkTerminalConfig and makePlastic.
 */
import { z } from 'zod'
import { wallet_cards_max } from '../cards/wallet'
import { cassettes_max } from './cassettes'
import { journal_entries_max } from './journal'
import { terminal_keys, type TerminalKey } from './view'

export const cassette_load = z.array(z.object({ denomination_minor: z.number().int().positive(), count: z.number().int().min(0).max(10_000) }).strict()).min(1).max(cassettes_max)

export const terminal_config = z
  .object({
    terminal_id: z.string().regex(/^[A-Z0-9]{8}$/, 'a terminal id is 8 capital letters or digits'),
    kind: z.enum(['atm', 'pos']),
    iso_host: z.string().min(1).max(253),
    iso_port: z.number().int().min(1).max(65_535),
    follow_local_host: z.boolean().optional(),
    pin_key_hex: z.string().regex(/^([0-9a-fA-F]{32}|[0-9a-fA-F]{48})$/, 'the PIN key is 32 or 48 hex digits'),
    currency: z.object({ numeric: z.string().regex(/^\d{3}$/), alpha: z.string().regex(/^[A-Z]{3}$/), exponent: z.number().int().min(0).max(3) }).strict(),
    location: z.string().max(40),
    acceptor_id: z.string().min(1).max(15).optional(),
    cassettes: cassette_load.optional(),
  })
  .strict()

export const plastic_input = z
  .object({
    label: z.string().min(1).max(40),
    pan: z.string().max(19),
    name: z.string().max(26),
    expiry_yymm: z.string().max(4),
    service_code: z.string().max(3),
    discretionary: z.string().max(40).optional(),
  })
  .strict()

const cassette_state = z
  .object({
    denomination_minor: z.number().int().positive(),
    count: z.number().int().min(0),
    currency: z.string().regex(/^[A-Z]{3}$/),
    loaded: z.number().int().min(0),
    dispensed: z.number().int().min(0),
    jam_after_notes: z.number().int().min(0).nullable(),
    jammed: z.boolean(),
  })
  .strict()

const nullable_text = z.string().nullable()

const journal_entry = z
  .object({
    at: z.string(),
    stan: nullable_text,
    transaction: z.enum(['withdrawal', 'purchase', 'balance', 'transfer_to_value']),
    pan_masked: z.string(),
    amount_minor: z.number().int().min(0),
    currency: z.string(),
    outcome: z.enum(['approved', 'declined', 'partial_dispense', 'no_answer', 'not_sent', 'cannot_dispense']),
    response_code: nullable_text,
    approval_code: nullable_text,
    rrn: nullable_text,
    dispensed_minor: z.number().int().min(0).nullable(),
    notes: z.array(z.object({ denomination_minor: z.number().int(), count: z.number().int() }).strict()).nullable(),
    reversal: z.enum(['none', 'acknowledged', 'queued']),
    detail: z.string(),
  })
  .strict()

/** Emulated terminals a service holds; the bound keeps a corrupt file from starting thousands of sockets. */
export const terminals_max = 64

export const state_file_version = 1

export const state_file = z
  .object({
    version: z.literal(state_file_version),
    terminals: z
      .array(
        z
          .object({
            config: terminal_config,
            stan_last: z.number().int().min(0).max(999_999),
            cassettes: z.array(cassette_state).max(cassettes_max).nullable(),
            journal: z.array(journal_entry).max(journal_entries_max),
          })
          .strict(),
      )
      .max(terminals_max),
    wallet: z.array(plastic_input).max(wallet_cards_max),
  })
  .strict()

export type StateFile = z.infer<typeof state_file>

export const key_press = z.object({ key: z.string() }).strict()

export function isTerminalKey(key: string): key is TerminalKey {
  return (terminal_keys as readonly string[]).includes(key)
}

export const card_insert = z.union([
  z.object({ label: z.string().min(1).max(40) }).strict(),
  z.object({ track2: z.string().min(1).max(40), pan: z.string().max(19).optional() }).strict(),
])

export const take_item = z.object({ item: z.enum(['card', 'cash', 'receipt']) }).strict()

export const supervisor_action = z.discriminatedUnion('action', [
  z.object({ action: z.literal('enter') }).strict(),
  z.object({ action: z.literal('exit') }).strict(),
  z.object({ action: z.literal('reset_counters') }).strict(),
  z.object({ action: z.literal('reconnect') }).strict(),
  z.object({ action: z.literal('load_cassettes'), cassettes: cassette_load }).strict(),
  z.object({ action: z.literal('set_fault'), slot: z.number().int().min(0).max(cassettes_max - 1), jam_after_notes: z.number().int().min(0).max(10_000).nullable() }).strict(),
])

export type SupervisorAction = z.infer<typeof supervisor_action>

/**
 * The merchant a shared POS takes the next payments for: its merchant code goes in field 42.
 * A null acceptor id goes back to the terminal's own (configured) acceptor id.
 */
export const merchant_choice = z
  .object({
    acceptor_id: z.string().min(1).max(15).regex(/^[\x20-\x7e]+$/, 'a merchant code is printable ASCII').nullable(),
    merchant_name: z.string().max(60).nullable(),
  })
  .strict()
export type MerchantChoice = z.infer<typeof merchant_choice>
