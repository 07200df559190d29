import type { z } from 'zod'
import type { HostContext } from '../../host/context'
import { bankIdentity } from '../../host/settings'
import { audit, staffView, type StaffRow } from '../../staff/staff'
import { auditCsv, listAudit, verifyAuditChain } from '../../staff/audit'
import { clockTime } from '../../staff/lockout'
import { addStaff, listStaff, resetStaffPassword, setStaffRole, setStaffStatus } from '../../staff/manage'
import { createCustomer, customerDetail, listCustomers } from '../../customers/customers'
import { currencies, setMicropaymentThreshold, thresholds } from '../../payments/thresholds'
import { fundValueAccount, moveValue } from '../../payments/value-moves'
import { journal } from '../../reports/journal'
import { console_commands, type CommandOutput, type ConsoleCommand } from './contract'
import { cardsOf, type CardAction } from '../../cards/cards'
import { bankKeyCheckValues } from '../../cards/bank-keys'
import {
  changeCardFromConsole,
  createTerminalFromConsole,
  issueCardFromConsole,
  listIsoMessages,
  listTerminals,
  rekeyTerminalFromConsole,
  replaceCardFromConsole,
} from '../../cards/console'

import { staffOf, type Caller } from './handler-types'
import { merchant_handlers } from './handlers/merchants'
import { settlement_handlers } from './handlers/settlement'
import { billing_handlers } from './handlers/billing'
import { dispute_handlers } from './handlers/disputes'
import { dashboard_handlers } from './handlers/dashboard'
import { job_handlers } from './handlers/jobs'

export type { Caller } from './handler-types'

import { approvalView, approve, cancel, listApprovals, reject, requestApproval } from '../../approvals/approvals'

type Input<C extends ConsoleCommand> = z.output<(typeof console_commands)[C]['input']>

type Handlers = { [C in ConsoleCommand]: (ctx: HostContext, input: Input<C>, caller: Caller) => CommandOutput<C> | Promise<CommandOutput<C>> }

/**
 * The console's handlers, one per command of the contract. Role checks happen before a
 * handler runs (console/http.ts); every action that changes something is audited here.
 */
export const console_handlers: Handlers = {
  'session.login': (ctx, input, caller) => {
    const session = ctx.staff_sessions.login(input.username, input.password)
    if (!session.ok) {
      const locked_until = session.locked_until?.toISOString()
      if (session.reason === 'locked') {
        audit(ctx.db, ctx.clock, { staff_id: null, action: 'staff.login_refused_locked', subject: input.username, detail: { locked_until } })
      } else {
        audit(ctx.db, ctx.clock, { staff_id: null, action: 'staff.login_failed', subject: input.username, detail: { failures: session.failures } })
        if (session.reason === 'locked_now') audit(ctx.db, ctx.clock, { staff_id: null, action: 'staff.login_locked', subject: input.username, detail: { locked_until } })
      }
      throw session.locked_until ? new LoginLocked(session.locked_until) : new LoginFailed()
    }
    caller.issueSession?.(session.token)
    audit(ctx.db, ctx.clock, { staff_id: session.staff.id, action: 'staff.login' })
    return { staff: staffView(session.staff), bank: bankIdentity(ctx.db) }
  },
  'session.logout': (ctx, _input, caller) => {
    caller.endSession?.()
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'staff.logout' })
    return {}
  },
  'session.me': (ctx, _input, caller) => ({ staff: staffView(staffOf(caller)), bank: bankIdentity(ctx.db) }),
  'customers.list': (ctx, input) => listCustomers(ctx.db, input),
  'customers.get': (ctx, input) => customerDetail(ctx.db, input.customer_id),
  'customers.create': (ctx, input, caller) => {
    const created = createCustomer(ctx.db, ctx.clock, input)
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'customer.create', subject: created.payer_id, detail: { name: created.name } })
    return { customer_id: created.id, payer_id: created.payer_id }
  },
  'accounts.fund': (ctx, input, caller) => {
    const moved = fundValueAccount(ctx.db, ctx.clock, ctx.ledger, ctx.requests, { scope: 'console', ...input })
    if (!moved.replayed) {
      audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'account.fund', subject: `account:${input.account_id}`, detail: { amount_minor: input.amount_minor, transfer_id: moved.transfer_id } })
    }
    return moved
  },
  'accounts.move_value': (ctx, input, caller) => {
    const moved = moveValue(ctx.db, ctx.clock, ctx.ledger, ctx.requests, { scope: 'console', ...input })
    if (!moved.replayed) {
      audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: `account.${input.direction}`, subject: `customer:${input.customer_id}`, detail: { amount_minor: input.amount_minor, transfer_id: moved.transfer_id } })
    }
    return moved
  },
  'transfers.list': (ctx, input) => journal(ctx.db, input),
  'cards.list': (ctx, input) => {
    const rows = cardsOf(ctx.db, input.customer_id)
    return { rows, total: rows.length }
  },
  'cards.issue': (ctx, input, caller) => {
    const issued = issueCardFromConsole(ctx, input)
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'card.issue', subject: `customer:${input.customer_id}`, detail: { card_id: issued.card.id, masked_pan: issued.card.masked_pan, pin: input.pin === undefined ? 'mailer' : 'chosen' } })
    return issued
  },
  'cards.block': (ctx, input, caller) => cardAction(ctx, input.card_id, 'block', caller),
  'cards.report_lost': (ctx, input, caller) => cardAction(ctx, input.card_id, 'report_lost', caller),
  'cards.replace': (ctx, input, caller) => {
    const issued = replaceCardFromConsole(ctx, input)
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'card.replace', subject: `card:${input.card_id}`, detail: { new_card_id: issued.card.id } })
    return issued
  },
  'terminals.list': (ctx) => listTerminals(ctx),
  'terminals.create': (ctx, input, caller) => {
    const created = createTerminalFromConsole(ctx, input)
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'terminal.create', subject: input.terminal_id, detail: { kind: input.kind, kcv: created.terminal.pin_key_kcv } })
    return created
  },
  'terminals.rekey': (ctx, input, caller) => {
    const rekeyed = rekeyTerminalFromConsole(ctx, input.terminal_id)
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'terminal.rekey', subject: input.terminal_id, detail: { kcv: rekeyed.terminal.pin_key_kcv } })
    return rekeyed
  },
  'iso_messages.list': (ctx, input) => listIsoMessages(ctx, input),
  'settings.get': (ctx) => ({ card_keys: bankKeyCheckValues(ctx.db), thresholds: thresholds(ctx.db), currencies: currencies(ctx.db) }),
  'settings.set_threshold': (ctx, input, caller) => {
    setMicropaymentThreshold(ctx.db, input.currency, input.threshold_minor, ctx.clock.now())
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'settings.set_threshold', subject: input.currency, detail: input })
    return {}
  },
  'staff.list': (ctx) => {
    const rows = listStaff(ctx.db)
    return { rows, total: rows.length }
  },
  'staff.create': (ctx, input, caller) => {
    const staff = addStaff(ctx.db, ctx.clock, input)
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'staff.create', subject: `staff:${staff.id}`, detail: { username: staff.username, role: staff.role } })
    return { staff }
  },
  'staff.set_role': (ctx, input, caller) => {
    const changed = setStaffRole(ctx.db, staffOf(caller).id, input.staff_id, input.role)
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'staff.set_role', subject: `staff:${input.staff_id}`, detail: { username: changed.after.username, from: changed.before, to: input.role } })
    return { staff: changed.after }
  },
  'staff.disable': (ctx, input, caller) => {
    const staff = setStaffStatus(ctx.db, staffOf(caller).id, input.staff_id, 'disabled')
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'staff.disable', subject: `staff:${input.staff_id}`, detail: { username: staff.username } })
    return { staff }
  },
  'staff.enable': (ctx, input, caller) => {
    const staff = setStaffStatus(ctx.db, staffOf(caller).id, input.staff_id, 'active')
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'staff.enable', subject: `staff:${input.staff_id}`, detail: { username: staff.username } })
    return { staff }
  },
  'staff.reset_password': (ctx, input, caller) => {
    const staff = resetStaffPassword(ctx.db, input.staff_id, input.password)
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'staff.reset_password', subject: `staff:${input.staff_id}`, detail: { username: staff.username } })
    return { staff }
  },
  'audit.list': (ctx, input) => listAudit(ctx.db, input, input),
  'audit.verify': (ctx) => verifyAuditChain(ctx.db),
  'audit.export': (ctx, input, caller) => {
    const exported = auditCsv(ctx.db, input)
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'audit.export', detail: { ...input, rows: exported.rows } })
    return { ...exported, filename: `centavo-audit-${ctx.clock.now().toISOString().slice(0, 10)}.csv` }
  },
  'approvals.request_adjustment': (ctx, input, caller) => {
    const made = requestApproval(ctx, staffOf(caller).id, 'balance_adjustment', { account_id: input.account_id, amount_minor: input.amount_minor }, input.reason)
    return { approval: approvalView(ctx, made.id) }
  },
  'approvals.request_credit_limit': (ctx, input, caller) => {
    const made = requestApproval(ctx, staffOf(caller).id, 'credit_limit_increase', { account_id: input.account_id, credit_limit_minor: input.credit_limit_minor }, input.reason)
    return { approval: approvalView(ctx, made.id) }
  },
  'approvals.request_card_unblock': (ctx, input, caller) => {
    const made = requestApproval(ctx, staffOf(caller).id, 'card_unblock', { card_id: input.card_id }, input.reason)
    return { approval: approvalView(ctx, made.id) }
  },
  'approvals.request_bill_write_off': (ctx, input, caller) => {
    const made = requestApproval(ctx, staffOf(caller).id, 'bill_write_off', { bill_id: input.bill_id }, input.reason)
    return { approval: approvalView(ctx, made.id) }
  },
  'approvals.list': (ctx, input) => {
    const rows = listApprovals(ctx, input)
    return { rows, total: rows.length }
  },
  // Each of these audits its own step inside its transaction (main/approvals/approvals.ts).
  'approvals.approve': (ctx, input, caller) => ({ approval: approvalView(ctx, approve(ctx, staffOf(caller).id, input.id).id) }),
  'approvals.reject': (ctx, input, caller) => ({ approval: approvalView(ctx, reject(ctx, staffOf(caller).id, input.id, input.reason).id) }),
  'approvals.cancel': (ctx, input, caller) => ({ approval: approvalView(ctx, cancel(ctx, staffOf(caller).id, input.id).id) }),
  // Each concept of the back office keeps its handlers in its own file (handlers/).
  ...merchant_handlers,
  ...settlement_handlers,
  ...billing_handlers,
  ...dispute_handlers,
  ...dashboard_handlers,
  ...job_handlers,
}

function cardAction(ctx: HostContext, card_id: number, action: CardAction, caller: Caller) {
  const changed = changeCardFromConsole(ctx, card_id, action)
  audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: `card.${action}`, subject: `card:${card_id}`, detail: { masked_pan: changed.card.masked_pan } })
  return changed
}

/** A login locked by repeated failures: refused even with the right password until it ends. */
export class LoginLocked extends Error {
  readonly id = 'login_locked'
  constructor(readonly locked_until: Date) {
    super(`this login is locked until ${clockTime(locked_until)} after repeated failed attempts`)
  }
}

export class LoginFailed extends Error {
  readonly id = 'login_failed'
  constructor() {
    super('the username or password is wrong')
  }
}
