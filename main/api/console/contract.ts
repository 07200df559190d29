/**
 * The console's command map: every command the staff console can send to the host, with
 * zod schemas for its input and output. The host validates inputs with these schemas and
 * the renderer types its calls with them, so the two cannot drift. One file, imported by
 * both sides; it must stay free of Node imports.
 *
 * Transport: POST /console/api/<command> with a JSON body; the answer is
 * `{ ok: true, data }` or `{ ok: false, error: { code, message } }`.
 */
import { z } from 'zod'

import { amount_minor, currency, id, idempotency_key, iso_time, list, page, page_size, staff_roles, type CommandSpecs, type StaffRole } from './schemas'
import { merchant_commands } from './commands/merchants'
import { settlement_commands } from './commands/settlement'
import { billing_commands } from './commands/billing'
import { dispute_commands } from './commands/disputes'
import { dashboard_commands } from './commands/dashboard'
import { job_commands } from './commands/jobs'

export { staff_roles, type StaffRole } from './schemas'

export const staff_view = z.object({
  id,
  username: z.string(),
  display_name: z.string(),
  role: z.enum(staff_roles),
})
export type StaffView = z.infer<typeof staff_view>

/** Which bank this host runs; `demo` is true for the seeded demo bank, which screens label. */
export const bank_view = z.object({ name: z.string(), demo: z.boolean() })
export type BankView = z.infer<typeof bank_view>

export const account_kind = z.enum(['credit', 'value', 'cash_access', 'merchant_payable', 'sp_funding', 'sp_fee_income', 'sp_settlement', 'atm_cash'])

export const account_view = z.object({
  id,
  number: z.string(),
  kind: account_kind,
  currency,
  exponent: z.number().int(),
  status: z.enum(['open', 'suspended', 'closed']),
  /** Posted balance in the account's own sense: stored value, or amount owed on credit. */
  balance_minor: z.number().int(),
  /** Held amount not yet posted (debit holds on the account). */
  pending_minor: z.number().int(),
  /** What can still be spent; null where no spending rule applies. */
  available_minor: z.number().int().nullable(),
  credit_limit_minor: z.number().int().nullable(),
})
export type AccountView = z.infer<typeof account_view>

export const customer_summary = z.object({
  id,
  payer_id: z.string(),
  name: z.string(),
  email: z.string(),
  currency,
  exponent: z.number().int(),
  status: z.enum(['active', 'suspended']),
  value_balance_minor: z.number().int(),
  cash_access_balance_minor: z.number().int(),
  credit_used_minor: z.number().int(),
  credit_limit_minor: z.number().int(),
  demo: z.boolean(),
})
export type CustomerSummary = z.infer<typeof customer_summary>

export const customer_detail = customer_summary.extend({
  top_up_increment_minor: z.number().int(),
  micropayment_limit_per_purchase_minor: z.number().int().nullable(),
  micropayment_limit_per_day_minor: z.number().int().nullable(),
  blocked_merchants: z.array(z.object({ id, name: z.string() })),
  created_at: iso_time,
})
export type CustomerDetail = z.infer<typeof customer_detail>

export const account_ref = z.object({
  id,
  number: z.string(),
  kind: account_kind,
  /** Customer or merchant name; "Service provider" for the SP's own accounts. */
  owner_name: z.string(),
})

export const transfer_view = z.object({
  id,
  created_at: iso_time,
  code: z.string(),
  /** The code in words, for the screen. */
  code_label: z.string(),
  phase: z.enum(['single', 'pending', 'post_pending', 'void_pending']),
  amount_minor: z.number().int(),
  currency,
  exponent: z.number().int(),
  debit: account_ref,
  credit: account_ref,
  memo: z.string(),
  purchase: z.object({ purchase_id: z.string(), item_title: z.string(), merchant_name: z.string() }).nullable(),
})
export type TransferView = z.infer<typeof transfer_view>

// The merchant views and commands live in commands/merchants.ts.
export { merchant_summary, type MerchantSummary } from './commands/merchants'

export const card_view = z.object({
  id,
  customer_id: id,
  /** BIN and last four only: the host never has more to show. */
  masked_pan: z.string(),
  expiry_yymm: z.string(),
  status: z.enum(['active', 'blocked', 'lost', 'replaced']),
  blocked_reason: z.string().nullable(),
  pin_tries_left: z.number().int(),
  daily_withdrawal_limit_minor: z.number().int(),
  created_at: iso_time,
})
export type CardView = z.infer<typeof card_view>

export const issued_card = z.object({
  card: card_view,
  /** The PIN mailer: a generated PIN, shown once; null when the customer chose the PIN. */
  pin_mailer: z.string().nullable(),
  /** Whether the plastic was handed to the emulators' card wallet. */
  in_wallet: z.boolean(),
})

export const terminal_view = z.object({
  terminal_id: z.string(),
  kind: z.enum(['atm', 'pos']),
  merchant_name: z.string().nullable(),
  location: z.string(),
  currency,
  status: z.enum(['active', 'disabled']),
  /** Key check value of the terminal's PIN key: what a technician compares at the PIN pad. */
  pin_key_kcv: z.string(),
  created_at: iso_time,
  rekeyed_at: iso_time.nullable(),
})
export type TerminalView = z.infer<typeof terminal_view>

export const iso_message_view = z.object({
  id,
  at: iso_time,
  terminal_id: z.string(),
  direction: z.enum(['in', 'out']),
  mti: z.string(),
  stan: z.string(),
  response_code: z.string(),
  /** Every field, masked: PAN as BIN + last four, no track, PIN block hidden. */
  fields: z.array(z.object({ field: z.number().int(), name: z.string(), value: z.string() })),
})
export type IsoMessageView = z.infer<typeof iso_message_view>

export const threshold_view = z.object({ currency, exponent: z.number().int(), threshold_minor: z.number().int(), updated_at: iso_time })

export const staff_row_view = staff_view.extend({ status: z.enum(['active', 'disabled']), created_at: iso_time })
export type StaffRowView = z.infer<typeof staff_row_view>

export const audit_entry_view = z.object({
  id,
  at: iso_time,
  staff_id: id.nullable(),
  staff_username: z.string().nullable(),
  action: z.string(),
  subject: z.string(),
  detail_json: z.string(),
})
export type AuditEntryView = z.infer<typeof audit_entry_view>

export const approval_kinds = ['balance_adjustment', 'credit_limit_increase', 'card_unblock', 'refund', 'bill_write_off'] as const
export const approval_statuses = ['pending', 'approved', 'rejected', 'cancelled'] as const
export const approval_view = z.object({
  id,
  kind: z.enum(approval_kinds),
  /** What approving does, in a sentence; never card data. */
  summary: z.string(),
  /** Why the maker asked. */
  reason: z.string(),
  status: z.enum(approval_statuses),
  maker_staff_id: id,
  maker_username: z.string(),
  checker_staff_id: id.nullable(),
  checker_username: z.string().nullable(),
  decided_at: iso_time.nullable(),
  /** Why the checker rejected it. */
  decision_reason: z.string().nullable(),
  created_at: iso_time,
})
export type ApprovalView = z.infer<typeof approval_view>
const approval_reason = z.string().trim().min(1, 'say why, for the second person').max(300)
const approval_makers = ['administrator', 'back_office_clerk', 'supervisor'] as const
const approval_checkers = ['administrator', 'supervisor'] as const

const staff_password = z.string().min(12, 'a staff password has at least 12 characters').max(200)
const audit_filter = {
  staff_id: id.optional(),
  /** A prefix of the action: "staff." or "card.block". */
  action: z.string().max(60).optional(),
  from: iso_time.optional(),
  to: iso_time.optional(),
}
const audit_roles = ['administrator', 'auditor', 'supervisor'] as const


/** Every console command: input schema, output schema, and the roles that may call it. */
export const console_commands = {
  'session.login': {
    input: z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) }).strict(),
    output: z.object({ staff: staff_view, bank: bank_view }),
    roles: 'anyone',
  },
  'session.logout': { input: z.object({}).strict(), output: z.object({}), roles: 'any_staff' },
  'session.me': { input: z.object({}).strict(), output: z.object({ staff: staff_view, bank: bank_view }), roles: 'any_staff' },
  'customers.list': {
    input: z.object({ search: z.string().max(100).optional(), page, page_size }).strict(),
    output: list(customer_summary),
    roles: ['administrator', 'back_office_clerk', 'supervisor', 'auditor'],
  },
  'customers.get': {
    input: z.object({ customer_id: id }).strict(),
    output: z.object({ customer: customer_detail, accounts: z.array(account_view) }),
    roles: ['administrator', 'back_office_clerk', 'supervisor', 'auditor'],
  },
  'customers.create': {
    input: z
      .object({
        name: z.string().trim().min(1).max(120),
        email: z.string().trim().max(200).default(''),
        currency,
        credit_limit_minor: z.number().int().min(0).max(1_000_000_000_000),
        top_up_increment_minor: amount_minor,
        micropayment_limit_per_purchase_minor: amount_minor.nullable().default(null),
        micropayment_limit_per_day_minor: amount_minor.nullable().default(null),
        payer_password: z.string().min(8, 'a payer password has at least 8 characters').max(200),
      })
      .strict(),
    output: z.object({ customer_id: id, payer_id: z.string() }),
    roles: ['administrator', 'back_office_clerk', 'supervisor'],
  },
  'accounts.fund': {
    input: z.object({ account_id: id, amount_minor, idempotency_key, memo: z.string().max(200).default('') }).strict(),
    output: z.object({ transfer_id: id, replayed: z.boolean() }),
    roles: ['administrator', 'back_office_clerk', 'supervisor'],
  },
  'accounts.move_value': {
    input: z
      .object({
        customer_id: id,
        direction: z.enum(['value_to_cash_access', 'cash_access_to_value']),
        amount_minor,
        idempotency_key,
      })
      .strict(),
    output: z.object({ transfer_id: id, replayed: z.boolean() }),
    roles: ['administrator', 'back_office_clerk', 'supervisor'],
  },
  'transfers.list': {
    input: z
      .object({
        customer_id: id.optional(),
        account_id: id.optional(),
        code: z.string().max(40).optional(),
        currency: currency.optional(),
        from: iso_time.optional(),
        to: iso_time.optional(),
        page,
        page_size,
      })
      .strict(),
    output: list(transfer_view),
    roles: ['administrator', 'back_office_clerk', 'supervisor', 'auditor'],
  },
  'cards.list': {
    input: z.object({ customer_id: id }).strict(),
    output: list(card_view),
    roles: ['administrator', 'back_office_clerk', 'supervisor', 'auditor'],
  },
  'cards.issue': {
    input: z
      .object({
        customer_id: id,
        /** The PIN the customer chose at the branch; omitted, a PIN mailer is generated. */
        pin: z.string().regex(/^\d{4,12}$/, 'a PIN is 4 to 12 digits').optional(),
        daily_withdrawal_limit_minor: amount_minor.optional(),
      })
      .strict(),
    output: issued_card,
    roles: ['administrator', 'back_office_clerk', 'supervisor'],
  },
  'cards.block': { input: z.object({ card_id: id }).strict(), output: z.object({ card: card_view }), roles: ['administrator', 'back_office_clerk', 'supervisor'] },
  'cards.report_lost': {
    input: z.object({ card_id: id }).strict(),
    output: z.object({ card: card_view }),
    roles: ['administrator', 'back_office_clerk', 'supervisor'],
  },
  // There is no direct unblock: a card is unblocked only through approvals.request_card_unblock
  // and a second person's approvals.approve (maker-checker).
  'cards.replace': {
    input: z.object({ card_id: id, pin: z.string().regex(/^\d{4,12}$/, 'a PIN is 4 to 12 digits').optional() }).strict(),
    output: issued_card,
    roles: ['administrator', 'back_office_clerk', 'supervisor'],
  },
  'terminals.list': {
    input: z.object({}).strict(),
    output: list(terminal_view),
    roles: ['administrator', 'supervisor', 'auditor', 'branch_tester', 'technician'],
  },
  'terminals.create': {
    input: z
      .object({
        terminal_id: z.string().regex(/^[A-Z0-9]{8}$/, 'a terminal id is 8 capital letters or digits'),
        kind: z.enum(['atm', 'pos']),
        merchant_id: id.optional(),
        location: z.string().trim().max(40).default(''),
        currency,
      })
      .strict(),
    output: z.object({ terminal: terminal_view, in_emulators: z.boolean() }),
    roles: ['administrator', 'supervisor', 'technician'],
  },
  'terminals.rekey': {
    input: z.object({ terminal_id: z.string().regex(/^[A-Z0-9]{8}$/) }).strict(),
    output: z.object({ terminal: terminal_view, in_emulators: z.boolean() }),
    roles: ['administrator', 'supervisor', 'technician'],
  },
  'iso_messages.list': {
    input: z.object({ terminal_id: z.string().max(8).optional(), page, page_size }).strict(),
    output: list(iso_message_view),
    roles: ['administrator', 'supervisor', 'auditor', 'branch_tester', 'technician'],
  },
  'settings.get': {
    input: z.object({}).strict(),
    output: z.object({
      /** Key check values of the bank's card keys (CVK, PVK). */
      card_keys: z.array(z.object({ name: z.string(), kcv: z.string(), created_at: iso_time })),
      thresholds: z.array(threshold_view),
      currencies: z.array(z.object({ code: currency, exponent: z.number().int(), name: z.string() })),
    }),
    roles: ['administrator', 'back_office_clerk', 'supervisor', 'auditor'],
  },
  'settings.set_threshold': {
    input: z.object({ currency, threshold_minor: amount_minor }).strict(),
    output: z.object({}),
    roles: ['administrator', 'supervisor'],
  },
  'staff.list': { input: z.object({}).strict(), output: list(staff_row_view), roles: ['administrator'] },
  'staff.create': {
    input: z
      .object({
        username: z.string().trim().regex(/^[a-z0-9._-]{3,40}$/, 'a username is 3 to 40 lower-case letters, digits, dots, hyphens or underscores'),
        display_name: z.string().trim().min(1).max(120),
        role: z.enum(staff_roles),
        password: staff_password,
      })
      .strict(),
    output: z.object({ staff: staff_row_view }),
    roles: ['administrator'],
  },
  'staff.set_role': { input: z.object({ staff_id: id, role: z.enum(staff_roles) }).strict(), output: z.object({ staff: staff_row_view }), roles: ['administrator'] },
  'staff.disable': { input: z.object({ staff_id: id }).strict(), output: z.object({ staff: staff_row_view }), roles: ['administrator'] },
  'staff.enable': { input: z.object({ staff_id: id }).strict(), output: z.object({ staff: staff_row_view }), roles: ['administrator'] },
  'staff.reset_password': { input: z.object({ staff_id: id, password: staff_password }).strict(), output: z.object({ staff: staff_row_view }), roles: ['administrator'] },
  'audit.list': { input: z.object({ ...audit_filter, page, page_size }).strict(), output: list(audit_entry_view), roles: audit_roles },
  'audit.verify': {
    input: z.object({}).strict(),
    output: z.object({ ok: z.boolean(), entries: z.number().int(), first_broken_id: id.optional(), reason: z.string().optional() }),
    roles: audit_roles,
  },
  'audit.export': { input: z.object(audit_filter).strict(), output: z.object({ csv: z.string(), rows: z.number().int(), filename: z.string() }), roles: audit_roles },
  /** Maker-checker: these requests change nothing until a second person approves them. */
  'approvals.request_adjustment': {
    input: z
      .object({
        account_id: id,
        /** Positive credits the account, negative debits it. */
        amount_minor: z.number().int().min(-1_000_000_000_000).max(1_000_000_000_000).refine((x) => x !== 0, 'an adjustment moves a non-zero amount'),
        reason: approval_reason,
      })
      .strict(),
    output: z.object({ approval: approval_view }),
    roles: approval_makers,
  },
  'approvals.request_credit_limit': {
    input: z.object({ account_id: id, credit_limit_minor: z.number().int().min(0).max(1_000_000_000_000), reason: approval_reason }).strict(),
    output: z.object({ approval: approval_view }),
    roles: approval_makers,
  },
  'approvals.request_card_unblock': { input: z.object({ card_id: id, reason: approval_reason }).strict(), output: z.object({ approval: approval_view }), roles: approval_makers },
  // A refund is asked for by disputes.resolve_reversal above the refund threshold.
  'approvals.request_bill_write_off': { input: z.object({ bill_id: id, reason: approval_reason }).strict(), output: z.object({ approval: approval_view }), roles: approval_makers },
  'approvals.list': {
    input: z.object({ status: z.enum(approval_statuses).optional() }).strict(),
    output: list(approval_view),
    roles: ['administrator', 'supervisor', 'back_office_clerk', 'auditor'],
  },
  'approvals.approve': { input: z.object({ id }).strict(), output: z.object({ approval: approval_view }), roles: approval_checkers },
  'approvals.reject': { input: z.object({ id, reason: approval_reason }).strict(), output: z.object({ approval: approval_view }), roles: approval_checkers },
  'approvals.cancel': { input: z.object({ id }).strict(), output: z.object({ approval: approval_view }), roles: approval_makers },
  // Each concept of the back office keeps its commands in its own file (commands/).
  ...merchant_commands,
  ...settlement_commands,
  ...billing_commands,
  ...dispute_commands,
  ...dashboard_commands,
  ...job_commands,
} as const satisfies CommandSpecs

export type ConsoleCommand = keyof typeof console_commands
export type CommandInput<C extends ConsoleCommand> = z.input<(typeof console_commands)[C]['input']>
export type CommandOutput<C extends ConsoleCommand> = z.infer<(typeof console_commands)[C]['output']>

export const console_error_codes = [
  'bad_request',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'refused',
  'internal',
] as const
export type ConsoleErrorCode = (typeof console_error_codes)[number]

export type ConsoleAnswer<T> = { ok: true; data: T } | { ok: false; error: { code: ConsoleErrorCode; message: string } }

/** Which commands a role may call: the UI hides what the host would refuse anyway. */
export function mayCall(role: StaffRole, command: ConsoleCommand): boolean {
  const roles = console_commands[command].roles
  return roles === 'anyone' || roles === 'any_staff' || (roles as readonly StaffRole[]).includes(role)
}
