import { randomBytes } from 'node:crypto'
import type { HostContext } from './context'
import { setSetting } from './settings'
import { staff_roles, type StaffRole } from '../api/console/contract'
import { createStaff } from '../staff/staff'
import { blockMerchant, createCustomer, customerAccounts, setCustomerStatus } from '../customers/customers'
import { createApiKey, createMerchant, merchant as merchantRow } from '../merchants/merchants'
import { setMicropaymentThreshold } from '../payments/thresholds'
import { fundValueAccount, moveValue } from '../payments/value-moves'

/** What a tester needs to try the demo bank; written to `<db>.demo.json`. */
export interface DemoCredentials {
  bank: string
  note: string
  staff: Array<{ username: string; password: string; role: StaffRole }>
  merchants: Array<{ merchant_id: number; name: string; currency: string; api_key: string }>
  payers: Array<{ payer_id: string; password: string; name: string; currency: string; note: string }>
}

export const demo_bank_name = 'Centavo Demo Bank'

function demoPassword(): string {
  return `demo-${randomBytes(6).toString('hex')}`
}

const demo_staff: Array<{ username: string; display_name: string; role: StaffRole }> = [
  { username: 'admin', display_name: 'Ana Admin', role: 'administrator' },
  { username: 'clerk', display_name: 'Carl Clerk', role: 'back_office_clerk' },
  { username: 'supervisor', display_name: 'Sofia Supervisor', role: 'supervisor' },
  { username: 'tester', display_name: 'Tomas Tester', role: 'branch_tester' },
  { username: 'technician', display_name: 'Tina Technician', role: 'technician' },
  { username: 'auditor', display_name: 'Aude Auditor', role: 'auditor' },
]

/**
 * Seeds a brand-new database with a clearly labelled demo bank: staff for every role,
 * merchants with API keys, customers in several situations (funded, empty so the first
 * micropayment tops up, with their own limits, suspended, in euros), and a few purchases
 * made through the real purchase flow so the journal has something to show.
 */
export function seedDemoBank(ctx: HostContext): DemoCredentials {
  const { db, clock } = ctx
  if (staff_roles.length !== demo_staff.length) throw new Error('every role needs a demo login')
  return db.transaction((): DemoCredentials => {
    setSetting(db, 'bank_name', demo_bank_name)
    setSetting(db, 'demo_bank', '1')
    for (const currency of ['USD', 'EUR', 'GBP']) setMicropaymentThreshold(db, currency, 500, clock.now())
    setMicropaymentThreshold(db, 'JPY', 500, clock.now())

    const staff = demo_staff.map((s) => {
      const password = demoPassword()
      createStaff(db, clock, { ...s, password, demo: true })
      return { username: s.username, password, role: s.role }
    })

    const merchants = [
      { name: 'Daily Gazette', category: 'News', currency: 'USD' },
      { name: 'Pixel Arcade', category: 'Games', currency: 'USD' },
      { name: 'Song Stream', category: 'Music', currency: 'USD' },
      { name: 'Le Petit Journal', category: 'News', currency: 'EUR' },
    ].map((m) => {
      const row = createMerchant(db, clock, { ...m, demo: true })
      return { merchant_id: row.id, name: row.name, currency: row.currency, api_key: createApiKey(db, clock, row.id) }
    })

    const people = [
      { name: 'Ada Lovelace', email: 'ada@example.test', currency: 'USD', credit_limit_minor: 50_000, fund_minor: 1_250, note: 'value account funded with 12.50' },
      { name: 'Grace Hopper', email: 'grace@example.test', currency: 'USD', credit_limit_minor: 30_000, fund_minor: 0, note: 'empty value account: the first micropayment tops up 10.00 from credit' },
      { name: 'Katherine Johnson', email: 'katherine@example.test', currency: 'USD', credit_limit_minor: 20_000, fund_minor: 2_000, per_purchase: 200, per_day: 1_000, blocks_merchant: 1, note: 'own limits: 2.00 per micropayment, 10.00 a day; blocks Pixel Arcade' },
      { name: 'Hedy Lamarr', email: 'hedy@example.test', currency: 'USD', credit_limit_minor: 40_000, fund_minor: 5_000, cash_access_minor: 2_000, note: '20.00 moved to the cash-access account' },
      { name: 'Alan Turing', email: 'alan@example.test', currency: 'USD', credit_limit_minor: 10_000, fund_minor: 500, suspended: true, note: 'suspended for bad history: purchases are refused' },
      { name: 'Marie Curie', email: 'marie@example.test', currency: 'EUR', credit_limit_minor: 25_000, fund_minor: 800, note: 'euro customer: buys at Le Petit Journal' },
    ]
    let key = 0
    const payers = people.map((p) => {
      const password = demoPassword()
      const customer = createCustomer(db, clock, {
        name: p.name,
        email: p.email,
        currency: p.currency,
        credit_limit_minor: p.credit_limit_minor,
        top_up_increment_minor: 1_000,
        micropayment_limit_per_purchase_minor: p.per_purchase ?? null,
        micropayment_limit_per_day_minor: p.per_day ?? null,
        payer_password: password,
        demo: true,
      })
      const accounts = customerAccounts(db, customer.id)
      if (p.fund_minor > 0) {
        fundValueAccount(db, clock, ctx.ledger, ctx.requests, { scope: 'demo', idempotency_key: `demo-${++key}`, account_id: accounts.value.id, amount_minor: p.fund_minor, memo: 'Demo opening deposit' })
      }
      if (p.cash_access_minor) {
        moveValue(db, clock, ctx.ledger, ctx.requests, { scope: 'demo', idempotency_key: `demo-${++key}`, customer_id: customer.id, direction: 'value_to_cash_access', amount_minor: p.cash_access_minor })
      }
      if (p.suspended) setCustomerStatus(db, customer.id, 'suspended')
      if (p.blocks_merchant !== undefined) blockMerchant(db, customer.id, merchants[p.blocks_merchant]!.merchant_id, clock.now())
      return { payer_id: customer.payer_id, password, name: p.name, currency: p.currency, note: p.note }
    })

    // A few purchases through the real flow, so the journal and purchases are not empty.
    const shop = (payer_index: number, merchant_index: number, title: string, amount_minor: number) => {
      const payer = payers[payer_index]!
      const merchant = merchants[merchant_index]!
      const session = ctx.payers.login(payer.payer_id, payer.password)
      if (!session) throw new Error('demo payer could not log in')
      ctx.purchases.purchase({
        merchant: merchantRow(db, merchant.merchant_id),
        idempotency_key: `demo-purchase-${++key}`,
        payer_token: session.payer_token,
        item: { id: `demo-${key}`, title },
        amount_minor,
        currency: payer.currency,
      })
    }
    shop(0, 0, 'Article: The Analytical Engine explained', 25)
    shop(0, 2, 'Song: Bernoulli Blues', 99)
    shop(3, 0, 'Article: Debugging the Mark II', 40)
    shop(3, 1, 'Game: Frequency Hopper, level pack', 1_499)
    shop(5, 3, 'Article: Le radium expliqué', 30)

    return {
      bank: demo_bank_name,
      note: 'Demo data for trying Centavo. Every name, card and amount here is made up.',
      staff,
      merchants,
      payers,
    }
  })()
}
