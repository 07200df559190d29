import type { z } from 'zod'
import type { HostContext } from '../../host/context'
import { bankIdentity } from '../../host/settings'
import { audit, staffView, type StaffRow } from '../../staff/staff'
import { createCustomer, customerDetail, listCustomers } from '../../customers/customers'
import { listMerchants } from '../../merchants/merchants'
import { currencies, setMicropaymentThreshold, thresholds } from '../../payments/thresholds'
import { fundValueAccount, moveValue } from '../../payments/value-moves'
import { journal, purchaseList } from '../../reports/journal'
import { console_commands, type CommandOutput, type ConsoleCommand } from './contract'

type Input<C extends ConsoleCommand> = z.output<(typeof console_commands)[C]['input']>

/** What a handler gets besides its input: the host, and who is calling (null only for login). */
export interface Caller {
  staff: StaffRow | null
  /** Set by session.login for the transport to turn into a cookie. */
  issueSession?: (token: string) => void
  endSession?: () => void
}

type Handlers = { [C in ConsoleCommand]: (ctx: HostContext, input: Input<C>, caller: Caller) => CommandOutput<C> }

function staffOf(caller: Caller): StaffRow {
  if (!caller.staff) throw new Error('handler reached without a staff session')
  return caller.staff
}

/**
 * The console's handlers, one per command of the contract. Role checks happen before a
 * handler runs (console/http.ts); every action that changes something is audited here.
 */
export const console_handlers: Handlers = {
  'session.login': (ctx, input, caller) => {
    const session = ctx.staff_sessions.login(input.username, input.password)
    if (!session) {
      audit(ctx.db, ctx.clock, { staff_id: null, action: 'staff.login_failed', subject: input.username })
      throw new LoginFailed()
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
  'purchases.list': (ctx, input) => purchaseList(ctx.db, input),
  'merchants.list': (ctx) => listMerchants(ctx.db),
  'settings.get': (ctx) => ({ thresholds: thresholds(ctx.db), currencies: currencies(ctx.db) }),
  'settings.set_threshold': (ctx, input, caller) => {
    setMicropaymentThreshold(ctx.db, input.currency, input.threshold_minor, ctx.clock.now())
    audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'settings.set_threshold', subject: input.currency, detail: input })
    return {}
  },
}

export class LoginFailed extends Error {
  readonly id = 'login_failed'
  constructor() {
    super('the username or password is wrong')
  }
}
