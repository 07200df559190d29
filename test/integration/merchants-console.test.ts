/**
 * Merchants through the console API on the demo bank: onboarding with field checks (IBAN
 * check digits, both-or-neither settlement account, unique merchant code), terms changed
 * only by a supervisor or administrator and audited with before and after, API keys shown
 * once and kept only as SHA-256 (never in the audit trail), revoked and rotated, shared POS
 * configuration, and every merchants command answered 200 or 403 exactly as its roles say.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { mayCall, staff_roles, type ConsoleCommand } from '../../main/api/console/contract'
import { merchant_commands } from '../../main/api/console/commands/merchants'
import { merchantByApiKey } from '../../main/merchants/merchants'
import { sha256Hex } from '../../main/security/secrets'
import { verifyAuditChain } from '../../main/staff/audit'
import { dbSnapshot, openDemoApp, seedDemoImage, type DemoApp, type DemoImage, send, type Answer, signIn } from './demo-app'
import { merchantInputs, testIban, testProfile } from './role-matrix/merchants'

let demo: DemoImage
beforeAll(() => {
  demo = seedDemoImage()
})

function ok<T = Record<string, unknown>>(answer: Answer): T {
  if (!answer.body.ok) throw new Error(`expected ok, got ${answer.status} ${answer.body.error.code}: ${answer.body.error.message}`)
  return answer.body.data as T
}

function refusal(answer: Answer): { status: number; code: string; message: string } {
  if (answer.body.ok) throw new Error(`expected a refusal, got ${answer.status} ok`)
  return { status: answer.status, ...answer.body.error }
}

type Merchant = { id: number; name: string; merchant_code: string; settlement_iban: string | null; terms_in_words: string; settlement_rule: string; status: string }
type Key = { id: number; key_prefix: string; label: string; revoked_at: string | null; replaced_by_id: number | null }

function auditRows(t: DemoApp, action: string): Array<{ staff_id: number; subject: string; detail_json: string }> {
  return t.db.prepare('SELECT staff_id, subject, detail_json FROM audit_log WHERE action = ? ORDER BY id').all(action) as Array<{ staff_id: number; subject: string; detail_json: string }>
}

describe('merchant onboarding', () => {
  it('onboards a merchant with a normalised IBAN and code, audits it, and lists it with its terms in words', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const iban = testIban()
    const spaced = iban.toLowerCase().replace(/(.{4})/g, '$1 ')
    const made = ok<{ merchant: Merchant }>(await send(t, 'merchants.create', { ...testProfile(' ink-01 '), settlement_iban: spaced, currency: 'USD' }, clerk)).merchant
    expect(made.settlement_iban).toBe(iban)
    expect(made.merchant_code).toBe('INK-01')
    expect(made.status).toBe('active')
    const listed = ok<{ rows: Array<Merchant & { payable_balance_minor: number }> }>(await send(t, 'merchants.list', { search: 'INK-01' }, clerk)).rows
    expect(listed.map((m) => m.id)).toEqual([made.id])
    expect(listed[0]!.payable_balance_minor).toBe(0)
    const [entry] = auditRows(t, 'merchant.create')
    expect(entry?.subject).toBe(`merchant:${made.id}`)
    expect(JSON.parse(entry!.detail_json)).toMatchObject({ merchant_code: 'INK-01', settlement_iban: iban })
  })

  it('refuses a wrong IBAN check digit, both kinds of account, a short account number and a bad BIC, each named, writing nothing', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const before = t.db.prepare('SELECT count(*) AS n FROM merchants').get()
    const iban = testIban()
    const wrong = iban.slice(0, 10) + ((Number(iban[10]) + 1) % 10) + iban.slice(11)
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ settlement_iban: wrong }, /IBAN: The IBAN check digits do not match/],
      [{ settlement_iban: iban.slice(0, -1) }, /IBAN: An IBAN from DE has 22 characters; this one has 21/],
      [{ settlement_account_number: '12345678' }, /Settlement account: Give either an IBAN or an account number, not both/],
      [{ settlement_iban: null, settlement_bic: null, settlement_account_number: '1234' }, /Account number: An account number is 6 to 34 digits/],
      [{ settlement_bic: 'COBA' }, /BIC: A BIC has 8 or 11 characters/],
      [{ merchant_code: 'MUCH-TOO-LONG-A-CODE' }, /Merchant code: A merchant code is 1 to 15/],
      [{ contact_email: 'not-an-address' }, /Contact e-mail/],
      [{ name: '  ' }, /Name: Enter the merchant/],
    ]
    for (const [change, message] of cases) {
      const problem = refusal(await send(t, 'merchants.create', { ...testProfile('BAD-1'), ...change, currency: 'USD' }, clerk))
      expect(problem.status).toBe(400)
      expect(problem.message).toMatch(message)
    }
    expect(t.db.prepare('SELECT count(*) AS n FROM merchants').get()).toEqual(before)
  })

  it('accepts a domestic account number, refuses a merchant code already in use, and edits the contact with the change audited', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const made = ok<{ merchant: Merchant }>(
      await send(t, 'merchants.create', { ...testProfile('LOCAL-1'), settlement_iban: null, settlement_bic: null, settlement_account_number: '0012-3456-78', currency: 'USD' }, clerk),
    ).merchant
    expect(made).toMatchObject({ settlement_iban: null })
    const taken = refusal(await send(t, 'merchants.create', { ...testProfile('local-1'), currency: 'USD' }, clerk))
    expect(taken.status).toBe(409)
    expect(taken.message).toMatch(/LOCAL-1 is already used by Shop LOCAL-1/)
    const edited = ok<{ merchant: Merchant & { contact_name: string; settlement_account_number: string } }>(
      await send(t, 'merchants.update', { merchant_id: made.id, ...testProfile('LOCAL-1', { contact_name: 'Robin New', settlement_iban: null, settlement_bic: null, settlement_account_number: '0012345678', status: 'suspended' }) }, clerk),
    ).merchant
    expect(edited).toMatchObject({ contact_name: 'Robin New', settlement_account_number: '0012345678', status: 'suspended' })
    const [entry] = auditRows(t, 'merchant.update')
    expect(JSON.parse(entry!.detail_json)).toEqual({
      changes: { contact_name: { before: 'Pat Example', after: 'Robin New' }, status: { before: 'active', after: 'suspended' } },
    })
  })
})

describe('commercial terms', () => {
  it('lets a supervisor set terms, audited with before and after, shown in words; a clerk is refused and nothing changes', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const supervisor = await signIn(t, 'supervisor')
    const id = ok<{ merchant: Merchant }>(await send(t, 'merchants.create', { ...testProfile('TERMS-1'), currency: 'USD' }, clerk)).merchant.id
    const terms = { merchant_id: id, discount_bps: 250, fee_per_purchase_minor: 5, settle_at_minor: 50_000, settle_every_days: 7 }
    const refused = refusal(await send(t, 'merchants.set_terms', terms, clerk))
    expect(refused.status).toBe(403)
    expect(auditRows(t, 'merchant.set_terms')).toEqual([])
    const set = ok<{ merchant: Merchant & { discount_bps: number } }>(await send(t, 'merchants.set_terms', terms, supervisor)).merchant
    expect(set.discount_bps).toBe(250)
    expect(set.terms_in_words).toBe('2.50 % wholesale discount, 0.05 USD per purchase; settles at 500.00 USD or every 7 days, whichever comes first')
    const [entry] = auditRows(t, 'merchant.set_terms')
    expect(JSON.parse(entry!.detail_json)).toEqual({
      before: { discount_bps: 0, fee_per_purchase_minor: 0, settle_at_minor: null, settle_every_days: null },
      after: { discount_bps: 250, fee_per_purchase_minor: 5, settle_at_minor: 50_000, settle_every_days: 7 },
    })
  })

  it('refuses terms without a settlement rule, or a discount over 100 %, and keeps the old terms', async () => {
    const t = openDemoApp(demo)
    const admin = await signIn(t, 'administrator')
    const id = ok<{ merchant: Merchant }>(await send(t, 'merchants.create', { ...testProfile('TERMS-2'), currency: 'USD' }, admin)).merchant.id
    ok(await send(t, 'merchants.set_terms', { merchant_id: id, discount_bps: 100, fee_per_purchase_minor: 0, settle_at_minor: null, settle_every_days: 30 }, admin))
    const no_rule = refusal(await send(t, 'merchants.set_terms', { merchant_id: id, discount_bps: 100, fee_per_purchase_minor: 0, settle_at_minor: null, settle_every_days: null }, admin))
    expect(no_rule.message).toMatch(/Settlement rule: Give at least one settlement rule/)
    const too_much = refusal(await send(t, 'merchants.set_terms', { merchant_id: id, discount_bps: 10_001, fee_per_purchase_minor: 0, settle_at_minor: 100, settle_every_days: null }, admin))
    expect(too_much.message).toMatch(/Discount: The discount is 0 to 100 %/)
    const now = ok<{ merchant: Merchant }>(await send(t, 'merchants.get', { merchant_id: id }, admin)).merchant
    expect(now.settlement_rule).toBe('settles every 30 days')
    expect(auditRows(t, 'merchant.set_terms')).toHaveLength(1)
  })
})

describe('API keys', () => {
  it('shows a new key once, keeps only its hash, never lists or audits it; revoking stops it', async () => {
    const t = openDemoApp(demo)
    const supervisor = await signIn(t, 'supervisor')
    const id = ok<{ merchant: Merchant }>(await send(t, 'merchants.create', { ...testProfile('KEYS-1'), currency: 'USD' }, supervisor)).merchant.id
    const made = ok<{ key: Key; api_key: string }>(await send(t, 'merchants.api_keys.create', { merchant_id: id, label: 'Web shop' }, supervisor))
    expect(made.api_key.startsWith(`${made.key.key_prefix}_`)).toBe(true)
    expect(merchantByApiKey(t.db, made.api_key)?.id).toBe(id)
    const stored = t.db.prepare('SELECT key_sha256 FROM merchant_api_keys WHERE id = ?').get(made.key.id) as { key_sha256: string }
    expect(stored.key_sha256).toBe(sha256Hex(made.api_key))
    const listed = await send(t, 'merchants.api_keys.list', { merchant_id: id }, supervisor)
    expect(JSON.stringify(listed.body)).not.toContain(made.api_key)
    expect(ok<{ rows: Key[] }>(listed).rows.map((k) => k.label)).toEqual(['Web shop'])
    const audit_text = JSON.stringify(t.db.prepare('SELECT * FROM audit_log').all())
    expect(audit_text).not.toContain(made.api_key)
    expect(audit_text).toContain(made.key.key_prefix)

    const revoked = ok<{ key: Key }>(await send(t, 'merchants.api_keys.revoke', { key_id: made.key.id }, supervisor)).key
    expect(revoked.revoked_at).toBe(t.clock.now().toISOString())
    expect(merchantByApiKey(t.db, made.api_key)).toBeUndefined()
    expect(refusal(await send(t, 'merchants.api_keys.revoke', { key_id: made.key.id }, supervisor)).status).toBe(409)
  })

  it('rotates: the successor is linked and works, the old key keeps working until revoked, or stops at once when asked', async () => {
    const t = openDemoApp(demo)
    const admin = await signIn(t, 'administrator')
    const id = ok<{ merchant: Merchant }>(await send(t, 'merchants.create', { ...testProfile('KEYS-2'), currency: 'USD' }, admin)).merchant.id
    const first = ok<{ key: Key; api_key: string }>(await send(t, 'merchants.api_keys.create', { merchant_id: id, label: 'Shop' }, admin))
    const rotated = ok<{ key: Key; api_key: string; old: Key }>(await send(t, 'merchants.api_keys.rotate', { key_id: first.key.id }, admin))
    expect(rotated.old.replaced_by_id).toBe(rotated.key.id)
    expect(rotated.old.revoked_at).toBeNull()
    expect(rotated.key.label).toBe('Shop')
    expect(merchantByApiKey(t.db, first.api_key)?.id).toBe(id)
    expect(merchantByApiKey(t.db, rotated.api_key)?.id).toBe(id)
    expect(refusal(await send(t, 'merchants.api_keys.rotate', { key_id: first.key.id }, admin)).message).toMatch(/already rotated/)

    const again = ok<{ key: Key; api_key: string; old: Key }>(await send(t, 'merchants.api_keys.rotate', { key_id: rotated.key.id, revoke_old_now: true }, admin))
    expect(again.old.revoked_at).not.toBeNull()
    expect(merchantByApiKey(t.db, rotated.api_key)).toBeUndefined()
    expect(merchantByApiKey(t.db, again.api_key)?.id).toBe(id)
    const [entry] = auditRows(t, 'merchant.api_key_rotate').slice(-1)
    expect(JSON.parse(entry!.detail_json)).toMatchObject({ old_key_id: rotated.key.id, new_key_id: again.key.id, old_revoked: true })
    expect(JSON.stringify(auditRows(t, 'merchant.api_key_rotate'))).not.toContain(again.api_key)
  })

  it('refuses key commands to a back-office clerk (403) and creates nothing', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const merchant_id = t.credentials.merchants[0]!.merchant_id
    const before = t.db.prepare('SELECT count(*) AS n FROM merchant_api_keys').get()
    expect(refusal(await send(t, 'merchants.api_keys.create', { merchant_id }, clerk)).status).toBe(403)
    expect(refusal(await send(t, 'merchants.api_keys.list', { merchant_id }, clerk)).status).toBe(403)
    expect(t.db.prepare('SELECT count(*) AS n FROM merchant_api_keys').get()).toEqual(before)
  })
})

describe('shared POS configuration', () => {
  it('adds and removes merchants on a POS; refuses an ATM, another currency and removing the owner', async () => {
    const t = openDemoApp(demo)
    const supervisor = await signIn(t, 'supervisor')
    const id = ok<{ merchant: Merchant }>(await send(t, 'merchants.create', { ...testProfile('SHARE-1'), currency: 'USD' }, supervisor)).merchant.id
    const euro = ok<{ merchant: Merchant }>(await send(t, 'merchants.create', { ...testProfile('SHARE-EUR'), currency: 'EUR' }, supervisor)).merchant.id
    const added = ok<{ terminal: { merchants: Array<{ merchant_id: number; own: boolean }> } }>(await send(t, 'merchants.shared_pos.add', { terminal_id: 'POS00001', merchant_id: id }, supervisor))
    expect(added.terminal.merchants.filter((m) => m.merchant_id === id)).toEqual([expect.objectContaining({ own: false })])
    expect(refusal(await send(t, 'merchants.shared_pos.add', { terminal_id: 'POS00001', merchant_id: id }, supervisor)).status).toBe(409)
    expect(refusal(await send(t, 'merchants.shared_pos.add', { terminal_id: 'ATM00001', merchant_id: id }, supervisor)).message).toMatch(/is an ATM/)
    expect(refusal(await send(t, 'merchants.shared_pos.add', { terminal_id: 'POS00001', merchant_id: euro }, supervisor)).message).toMatch(/paid in EUR/)
    const owner = t.db.prepare("SELECT merchant_id FROM terminals WHERE terminal_id = 'POS00001'").get() as { merchant_id: number }
    expect(refusal(await send(t, 'merchants.shared_pos.remove', { terminal_id: 'POS00001', merchant_id: owner.merchant_id }, supervisor)).status).toBe(422)
    const mine = ok<{ rows: Array<{ terminal_id: string }> }>(await send(t, 'merchants.shared_pos.list', { merchant_id: id }, supervisor)).rows
    expect(mine.map((r) => r.terminal_id)).toEqual(['POS00001'])
    ok(await send(t, 'merchants.shared_pos.remove', { terminal_id: 'POS00001', merchant_id: id }, supervisor))
    expect(ok<{ rows: unknown[] }>(await send(t, 'merchants.shared_pos.list', { merchant_id: id }, supervisor)).rows).toEqual([])
    expect(auditRows(t, 'merchant.shared_pos_add')).toHaveLength(1)
    expect(auditRows(t, 'merchant.shared_pos_remove')).toHaveLength(1)
    expect(verifyAuditChain(t.db).ok).toBe(true)
  })
})

describe('merchants role matrix', () => {
  it('answers every merchants command 200 or 403 exactly as its roles say; a refusal changes nothing', async () => {
    const t = openDemoApp(demo)
    const inputs = { 'merchants.list': () => ({}), ...merchantInputs(t) }
    const commands = Object.keys(merchant_commands) as ConsoleCommand[]
    let allowed = 0
    let refused = 0
    for (const role of staff_roles) {
      const cookie = await signIn(t, role)
      for (const command of commands) {
        const input = inputs[command as keyof typeof inputs](role)
        const before = mayCall(role, command) ? null : dbSnapshot(t.db)
        const answer = await send(t, command, input, cookie)
        if (mayCall(role, command)) {
          expect(answer.status, `${role} ${command}: ${JSON.stringify(answer.body)}`).toBe(200)
          allowed++
        } else {
          expect(answer.status, `${role} ${command}`).toBe(403)
          expect(dbSnapshot(t.db)).toEqual(before)
          refused++
        }
      }
    }
    expect(allowed).toBeGreaterThan(0)
    expect(refused).toBeGreaterThan(0)
    expect(allowed + refused).toBe(staff_roles.length * commands.length)
  })
})
