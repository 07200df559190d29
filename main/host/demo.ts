import { randomBytes } from 'node:crypto'
import type { HostContext } from './context'
import { setSetting } from './settings'
import { staff_roles, type StaffRole } from '../api/console/contract'
import { createStaff } from '../staff/staff'
import { blockMerchant, createCustomer, customerAccounts, customerByPayerId, setCustomerStatus } from '../customers/customers'
import { createApiKey, createMerchant, merchant as merchantRow } from '../merchants/merchants'
import { updateMerchantProfile } from '../merchants/onboarding'
import { setMerchantTerms } from '../merchants/terms'
import { addSharedMerchant } from '../merchants/routing'
import { changeCardStatus, issueCard, type IssuedPlastic } from '../cards/cards'
import { createTerminal } from '../cards/terminals'
import { setMicropaymentThreshold } from '../payments/thresholds'
import { fundValueAccount, moveValue } from '../payments/value-moves'

/** What a tester needs to try the demo bank; written to `<db>.demo.json`. */
export interface DemoCredentials {
  bank: string
  note: string
  staff: Array<{ username: string; password: string; role: StaffRole }>
  merchants: Array<{ merchant_id: number; name: string; currency: string; merchant_code: string; api_key: string }>
  payers: Array<{ payer_id: string; password: string; name: string; currency: string; status: 'active' | 'suspended'; note: string }>
  /** Terminals with their clear PIN keys, for testers driving the host with their own tools. */
  terminals: Array<{ terminal_id: string; kind: 'atm' | 'pos'; location: string; merchant_name: string | null; currency: string; pin_key_hex: string }>
  /** Cards as their holders carry them: PAN, PIN, expiry and track 2. Demo only. */
  cards: Array<{ label: string; holder: string; payer_id: string; pan: string; pin: string; expiry_yymm: string; track2: string; status: string; note: string }>
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
export function seedDemoBank(ctx: HostContext): DemoCredentials & { plastics: Array<{ label: string; plastic: IssuedPlastic }> } {
  const { db, clock } = ctx
  if (staff_roles.length !== demo_staff.length) throw new Error('every role needs a demo login')
  return db.transaction(() => {
    setSetting(db, 'bank_name', demo_bank_name)
    setSetting(db, 'demo_bank', '1')
    for (const currency of ['USD', 'EUR', 'GBP']) setMicropaymentThreshold(db, currency, 500, clock.now())
    setMicropaymentThreshold(db, 'JPY', 500, clock.now())

    const staff = demo_staff.map((s) => {
      const password = demoPassword()
      createStaff(db, clock, { ...s, password, demo: true })
      return { username: s.username, password, role: s.role }
    })

    // Contacts, settlement accounts (IBANs with valid check digits, or a domestic number),
    // merchant codes (field 42 on a shared POS) and terms: discount, fee, settlement rule.
    const merchants = [
      { name: 'Daily Gazette', category: 'News', currency: 'USD', merchant_code: 'GAZETTE-001', contact_name: 'Lois Lane', contact_email: 'accounts@gazette.example.test', contact_phone: '+1 555 0101', iban: 'GB29NWBK60161331926819', bic: 'NWBKGB2L', account_number: null, terms: { discount_bps: 250, fee_per_purchase_minor: 5, settle_at_minor: 50_000, settle_every_days: 7 } },
      { name: 'Pixel Arcade', category: 'Games', currency: 'USD', merchant_code: 'PIXEL-001', contact_name: 'Nolan Bushnell', contact_email: 'billing@pixel.example.test', contact_phone: '+1 555 0102', iban: null, bic: null, account_number: '000123456789', terms: { discount_bps: 300, fee_per_purchase_minor: 0, settle_at_minor: 100_000, settle_every_days: null } },
      { name: 'Song Stream', category: 'Music', currency: 'USD', merchant_code: 'SONG-001', contact_name: 'Ella Fitzgerald', contact_email: 'finance@songstream.example.test', contact_phone: '+1 555 0103', iban: 'NL20INGB0001234567', bic: 'INGBNL2A', account_number: null, terms: { discount_bps: 150, fee_per_purchase_minor: 2, settle_at_minor: null, settle_every_days: 14 } },
      { name: 'Le Petit Journal', category: 'News', currency: 'EUR', merchant_code: 'PETITJ-001', contact_name: 'Émile Zola', contact_email: 'compta@petitjournal.example.test', contact_phone: '+33 1 23 45 67 89', iban: 'FR7630006000011234567890189', bic: 'AGRIFRPP', account_number: null, terms: { discount_bps: 200, fee_per_purchase_minor: 3, settle_at_minor: 30_000, settle_every_days: 30 } },
    ].map((m) => {
      const row = createMerchant(db, clock, { name: m.name, category: m.category, currency: m.currency, demo: true })
      updateMerchantProfile(db, row.id, {
        name: m.name,
        category: m.category,
        contact_name: m.contact_name,
        contact_email: m.contact_email,
        contact_phone: m.contact_phone,
        merchant_code: m.merchant_code,
        settlement_iban: m.iban,
        settlement_bic: m.bic,
        settlement_account_number: m.account_number,
        status: 'active',
      })
      setMerchantTerms(db, row.id, m.terms)
      return { merchant_id: row.id, name: row.name, currency: row.currency, merchant_code: m.merchant_code, api_key: createApiKey(db, clock, row.id, 'Web shop') }
    })

    const people = [
      { name: 'Ada Lovelace', email: 'ada@example.test', currency: 'USD', credit_limit_minor: 50_000, fund_minor: 1_250, note: 'value account funded with 12.50' },
      { name: 'Grace Hopper', email: 'grace@example.test', currency: 'USD', credit_limit_minor: 30_000, fund_minor: 0, note: 'empty value account: the first micropayment tops up 10.00 from credit' },
      { name: 'Katherine Johnson', email: 'katherine@example.test', currency: 'USD', credit_limit_minor: 20_000, fund_minor: 2_000, per_purchase: 200, per_day: 1_000, blocks_merchant: 1, note: 'own limits: 2.00 per micropayment, 10.00 a day; blocks Pixel Arcade' },
      { name: 'Hedy Lamarr', email: 'hedy@example.test', currency: 'USD', credit_limit_minor: 40_000, fund_minor: 50_000, cash_access_minor: 30_000, note: '300.00 moved to the cash-access account: withdraw it at an ATM with her card' },
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
      return { payer_id: customer.payer_id, password, name: p.name, currency: p.currency, status: p.suspended ? ('suspended' as const) : ('active' as const), note: p.note }
    })

    // Billing terms (seed 001 fig. 3A): billing day, a cap that closes the bill early, a bill fee.
    const billing = [{ payer: 0, day: 1, cap: 10_000, fee: 0 }, { payer: 1, day: 15, cap: 5_000, fee: 0 }, { payer: 2, day: 28, cap: null, fee: 0 }, { payer: 3, day: 1, cap: 25_000, fee: 150 }]
    for (const b of billing) db.prepare('UPDATE customers SET billing_day = ?, bill_cap_minor = ?, bill_fee_minor = ? WHERE payer_id = ?').run(b.day, b.cap, b.fee, payers[b.payer]!.payer_id)

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

    const terminals = [
      { terminal_id: 'ATM00001', kind: 'atm' as const, location: 'Main Street branch', currency: 'USD' },
      { terminal_id: 'ATM00002', kind: 'atm' as const, location: 'Airport, departures hall', currency: 'USD' },
      { terminal_id: 'POS00001', kind: 'pos' as const, location: 'Pixel Arcade counter', currency: 'USD', merchant_id: merchants[1]!.merchant_id },
      // The acquirer's POS at the market hall, shared by several merchants (below).
      { terminal_id: 'POS00002', kind: 'pos' as const, location: 'Market hall kiosk', currency: 'USD', merchant_id: merchants[0]!.merchant_id },
    ].map((t) => {
      const { terminal, pin_key } = createTerminal(ctx, { ...t, demo: true })
      return {
        terminal_id: terminal.terminal_id,
        kind: terminal.kind,
        location: terminal.location,
        merchant_name: t.kind === 'pos' ? (merchants.find((m) => m.merchant_id === t.merchant_id)?.name ?? null) : null,
        currency: terminal.currency,
        pin_key_hex: pin_key.toString('hex').toUpperCase(),
      }
    })
    // Seed 001 fig. 4B: POS00002 is the acquirer's, shared: besides Daily Gazette it takes
    // payments for Pixel Arcade and Song Stream, named by merchant code in field 42.
    for (const index of [1, 2]) addSharedMerchant(db, clock, 'POS00002', merchants[index]!.merchant_id)

    const cards = [
      { payer: 3, pin: '1234', note: '300.00 in the cash-access account: a withdrawal is approved' },
      { payer: 0, pin: '2468', note: 'empty cash-access account: a withdrawal is declined 51 (insufficient funds)' },
      { payer: 2, pin: '1357', block: true, note: 'blocked by staff: declined 05 (do not honour)' },
    ].map((c) => {
      const payer = payers[c.payer]!
      const holder = customerByPayerId(db, payer.payer_id)!
      const { card, plastic } = issueCard(ctx, { customer_id: holder.id, pin: c.pin, demo: true })
      if (c.block) changeCardStatus(db, card.id, 'block')
      return {
        label: `${holder.name} …${plastic.pan.slice(-4)}`,
        holder: holder.name,
        payer_id: holder.payer_id,
        pan: plastic.pan,
        pin: c.pin,
        expiry_yymm: plastic.expiry_yymm,
        track2: `${plastic.pan}=${plastic.expiry_yymm}${plastic.service_code}${plastic.discretionary}`,
        plastic,
        status: c.block ? 'blocked' : 'active',
        note: c.note,
      }
    })

    return {
      bank: demo_bank_name,
      note: 'Demo data for trying Centavo. Every name, card and amount here is made up.',
      staff,
      merchants,
      payers,
      terminals,
      cards: cards.map(({ plastic: _plastic, ...card }) => card),
      plastics: cards.map((c) => ({ label: c.label, plastic: c.plastic })),
    }
  })()
}
