/**
 * The merchants commands of the console contract (issue 4): onboarding and editing a
 * merchant, its commercial terms, its API keys, and the shared acquirer POS terminals that
 * take payments for several merchants (seed 001 figure 4B). Field checks live in
 * main/merchants/rules.ts, which the forms share; the schemas here only shape the input.
 */
import { z } from 'zod'
import { currency, id, iso_time, list, type CommandSpecs } from '../schemas'

const readers = ['administrator', 'back_office_clerk', 'supervisor', 'auditor'] as const
const onboarders = ['administrator', 'back_office_clerk', 'supervisor'] as const
/** Terms change what the bank earns and when it pays: a supervisor's decision. */
const terms_setters = ['administrator', 'supervisor'] as const
const key_readers = ['administrator', 'supervisor', 'auditor'] as const
const key_managers = ['administrator', 'supervisor'] as const
/** Who drives the emulated POS also needs to know whom a shared POS takes payments for. */
const pos_readers = [...readers, 'branch_tester', 'technician'] as const
/** Sending a merchant's money through another's terminal is acquirer configuration. */
const pos_managers = ['administrator', 'supervisor'] as const

const merchant_status = z.enum(['active', 'suspended'])
const terminal_id = z.string().regex(/^[A-Z0-9]{8}$/, 'a terminal id is 8 capital letters or digits')

const terms_fields = {
  discount_bps: z.number().int(),
  fee_per_purchase_minor: z.number().int(),
  settle_at_minor: z.number().int().nullable(),
  settle_every_days: z.number().int().nullable(),
}
export const merchant_terms = z.object(terms_fields)

export const merchant_summary = z.object({
  id,
  name: z.string(),
  category: z.string(),
  currency,
  exponent: z.number().int(),
  status: merchant_status,
  merchant_code: z.string().nullable(),
  payable_balance_minor: z.number().int(),
  approved_purchases: z.number().int(),
  ...terms_fields,
  /** "settles at 500.00 USD or every 7 days, whichever comes first". */
  settlement_rule: z.string(),
  demo: z.boolean(),
})
export type MerchantSummary = z.infer<typeof merchant_summary>

const volume = z.object({ purchases: z.number().int(), amount_minor: z.number().int() })

export const merchant_detail = merchant_summary.extend({
  contact_name: z.string(),
  contact_email: z.string(),
  contact_phone: z.string(),
  settlement_iban: z.string().nullable(),
  settlement_bic: z.string().nullable(),
  settlement_account_number: z.string().nullable(),
  /** The whole of the terms in a sentence, for the screen. */
  terms_in_words: z.string(),
  payable_account_id: id,
  volume: z.object({ today: volume, this_month: volume, all_time: volume }),
  created_at: iso_time,
})
export type MerchantDetail = z.infer<typeof merchant_detail>

export const api_key_view = z.object({
  id,
  merchant_id: id,
  /** The start of the key, enough to tell keys apart; the key itself is never kept. */
  key_prefix: z.string(),
  label: z.string(),
  created_at: iso_time,
  revoked_at: iso_time.nullable(),
  replaced_by_id: id.nullable(),
  replaced_by_prefix: z.string().nullable(),
})
export type ApiKeyView = z.infer<typeof api_key_view>

export const shared_pos_view = z.object({
  terminal_id: z.string(),
  location: z.string(),
  currency,
  status: z.enum(['active', 'disabled']),
  merchants: z.array(z.object({ merchant_id: id, name: z.string(), merchant_code: z.string().nullable(), status: merchant_status, own: z.boolean() })),
})
export type SharedPosView = z.infer<typeof shared_pos_view>

/** The profile as the form sends it; rules.ts checks and normalises every field. */
const profile = {
  name: z.string().max(200),
  category: z.string().max(200).default(''),
  contact_name: z.string().max(200).default(''),
  contact_email: z.string().max(200).default(''),
  contact_phone: z.string().max(200).default(''),
  merchant_code: z.string().max(40),
  settlement_iban: z.string().max(60).nullable().default(null),
  settlement_bic: z.string().max(20).nullable().default(null),
  settlement_account_number: z.string().max(60).nullable().default(null),
  status: merchant_status.default('active'),
}

export const merchant_commands = {
  'merchants.list': {
    input: z.object({ search: z.string().max(100).optional(), status: merchant_status.optional() }).strict(),
    output: list(merchant_summary),
    roles: readers,
  },
  'merchants.get': { input: z.object({ merchant_id: id }).strict(), output: z.object({ merchant: merchant_detail }), roles: readers },
  'merchants.create': {
    input: z.object({ ...profile, currency }).strict(),
    output: z.object({ merchant: merchant_detail }),
    roles: onboarders,
  },
  'merchants.update': {
    input: z.object({ merchant_id: id, ...profile }).strict(),
    output: z.object({ merchant: merchant_detail }),
    roles: onboarders,
  },
  'merchants.set_terms': {
    input: z.object({ merchant_id: id, ...terms_fields }).strict(),
    output: z.object({ merchant: merchant_detail }),
    roles: terms_setters,
  },
  'merchants.api_keys.list': { input: z.object({ merchant_id: id }).strict(), output: list(api_key_view), roles: key_readers },
  'merchants.api_keys.create': {
    input: z.object({ merchant_id: id, label: z.string().trim().max(60).default('') }).strict(),
    /** `api_key` is shown once: the host keeps only its SHA-256. */
    output: z.object({ key: api_key_view, api_key: z.string() }),
    roles: key_managers,
  },
  'merchants.api_keys.revoke': { input: z.object({ key_id: id }).strict(), output: z.object({ key: api_key_view }), roles: key_managers },
  'merchants.api_keys.rotate': {
    input: z.object({ key_id: id, label: z.string().trim().max(60).optional(), revoke_old_now: z.boolean().default(false) }).strict(),
    output: z.object({ key: api_key_view, api_key: z.string(), old: api_key_view }),
    roles: key_managers,
  },
  'merchants.shared_pos.list': {
    input: z.object({ merchant_id: id.optional() }).strict(),
    output: list(shared_pos_view),
    roles: pos_readers,
  },
  'merchants.shared_pos.add': { input: z.object({ terminal_id, merchant_id: id }).strict(), output: z.object({ terminal: shared_pos_view }), roles: pos_managers },
  'merchants.shared_pos.remove': { input: z.object({ terminal_id, merchant_id: id }).strict(), output: z.object({ terminal: shared_pos_view }), roles: pos_managers },
} as const satisfies CommandSpecs
