import { staff_roles, type StaffRole } from '../../../main/api/console/contract'
import type { merchant_commands } from '../../../main/api/console/commands/merchants'
import { ibanCheckDigits } from '../../../main/merchants/iban'
import { onboardMerchant } from '../../../main/merchants/onboarding'
import { issueApiKey } from '../../../main/merchants/api-keys'
import { addSharedMerchant } from '../../../main/merchants/routing'
import type { MerchantProfile } from '../../../main/merchants/rules'
import type { DemoApp } from '../demo-app'

/** A German IBAN with the right check digits for a 18-digit BBAN. */
export function testIban(bban = '370400440532013000'): string {
  return `DE${ibanCheckDigits('DE', bban)}${bban}`
}

export function testProfile(merchant_code: string, overrides: Partial<MerchantProfile> = {}): MerchantProfile {
  return {
    name: `Shop ${merchant_code}`,
    category: 'Books',
    contact_name: 'Pat Example',
    contact_email: 'pat@example.test',
    contact_phone: '+1 555 0100',
    merchant_code,
    settlement_iban: testIban(),
    settlement_bic: 'COBADEFFXXX',
    settlement_account_number: null,
    status: 'active',
    ...overrides,
  }
}

/**
 * An input for every merchants command, for the role matrix in console-api.test.ts: each role
 * sends it, and must be answered 200 where mayCall allows and 403 (nothing changed) where not.
 * Set up here whatever the inputs need, one object per role where a command consumes it.
 * ('merchants.list' keeps its entry in console-api.test.ts, where it was before it moved here.)
 */
export function merchantInputs(t: DemoApp): Record<Exclude<keyof typeof merchant_commands, 'merchants.list'>, (role: StaffRole) => unknown> {
  const base = onboardMerchant(t.db, t.clock, { ...testProfile('MATRIX-BASE'), currency: 'USD' }).merchant_id
  const key_for = new Map<string, number>()
  const merchant_for = new Map<string, number>()
  for (const [index, role] of staff_roles.entries()) {
    key_for.set(`${role}:revoke`, issueApiKey(t.db, t.clock, base, `revoke ${role}`).key.id)
    key_for.set(`${role}:rotate`, issueApiKey(t.db, t.clock, base, `rotate ${role}`).key.id)
    const add = onboardMerchant(t.db, t.clock, { ...testProfile(`MATRIX-ADD-${index}`), currency: 'USD' }).merchant_id
    const remove = onboardMerchant(t.db, t.clock, { ...testProfile(`MATRIX-REM-${index}`), currency: 'USD' }).merchant_id
    addSharedMerchant(t.db, t.clock, 'POS00001', remove)
    merchant_for.set(`${role}:add`, add)
    merchant_for.set(`${role}:remove`, remove)
  }
  return {
    'merchants.get': () => ({ merchant_id: base }),
    'merchants.create': (role) => ({ ...testProfile(`MATRIX-NEW-${staff_roles.indexOf(role)}`), currency: 'USD' }),
    'merchants.update': (role) => ({ merchant_id: base, ...testProfile('MATRIX-BASE', { contact_name: `Edited by ${role}` }) }),
    'merchants.set_terms': (role) => ({ merchant_id: base, discount_bps: 100 + staff_roles.indexOf(role), fee_per_purchase_minor: 5, settle_at_minor: 50_000, settle_every_days: 7 }),
    'merchants.api_keys.list': () => ({ merchant_id: base }),
    'merchants.api_keys.create': (role) => ({ merchant_id: base, label: `made by ${role}` }),
    'merchants.api_keys.revoke': (role) => ({ key_id: key_for.get(`${role}:revoke`) }),
    'merchants.api_keys.rotate': (role) => ({ key_id: key_for.get(`${role}:rotate`), revoke_old_now: false }),
    'merchants.shared_pos.list': () => ({}),
    'merchants.shared_pos.add': (role) => ({ terminal_id: 'POS00001', merchant_id: merchant_for.get(`${role}:add`) }),
    'merchants.shared_pos.remove': (role) => ({ terminal_id: 'POS00001', merchant_id: merchant_for.get(`${role}:remove`) }),
  }
}
