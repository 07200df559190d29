/**
 * Onboarding: a merchant's profile (name, category, contact, settlement account, merchant
 * code, status) as the back office creates and edits it. Every check is in rules.ts; the
 * host refuses with the first wrong field's sentence, naming the field.
 */
import type { Database } from '../store/database'
import type { Clock } from '../clock'
import { RequestError } from '../errors'
import { createMerchant, merchant } from './merchants'
import { checkProfile, type MerchantProfile, type ProfileErrors } from './rules'

const field_names: Record<keyof ProfileErrors, string> = {
  name: 'Name',
  category: 'Category',
  contact_name: 'Contact name',
  contact_email: 'Contact e-mail',
  contact_phone: 'Contact phone',
  merchant_code: 'Merchant code',
  settlement_iban: 'IBAN',
  settlement_bic: 'BIC',
  settlement_account_number: 'Account number',
  settlement_account: 'Settlement account',
  status: 'Status',
}

/** "IBAN: The IBAN check digits do not match…; BIC: …" — every wrong field, each named. */
export function describeProfileErrors(errors: ProfileErrors): string {
  return (Object.entries(errors) as Array<[keyof ProfileErrors, string]>).map(([field, message]) => `${field_names[field]}: ${message}`).join(' ')
}

function checked(input: MerchantProfile): MerchantProfile {
  const result = checkProfile(input)
  if (!result.ok) throw new RequestError('bad_request', describeProfileErrors(result.errors))
  return result.value
}

function assertCodeFree(db: Database, merchant_code: string, except_id: number | null): void {
  const other = db.prepare('SELECT id, name FROM merchants WHERE merchant_code = ? AND id IS NOT ?').get(merchant_code, except_id) as { id: number; name: string } | undefined
  if (other) throw new RequestError('conflict', `Merchant code ${merchant_code} is already used by ${other.name}: each merchant has its own.`)
}

const profile_columns = [
  'name',
  'category',
  'contact_name',
  'contact_email',
  'contact_phone',
  'merchant_code',
  'settlement_iban',
  'settlement_bic',
  'settlement_account_number',
  'status',
] as const satisfies ReadonlyArray<keyof MerchantProfile>

export function profileOf(db: Database, merchant_id: number): MerchantProfile {
  const row = merchant(db, merchant_id) as unknown as Record<string, unknown>
  return Object.fromEntries(profile_columns.map((c) => [c, row[c] ?? (c.startsWith('settlement_') ? null : '')])) as unknown as MerchantProfile
}

function writeProfile(db: Database, merchant_id: number, profile: MerchantProfile): void {
  db.prepare(`UPDATE merchants SET ${profile_columns.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @merchant_id`).run({ ...profile, merchant_id })
}

/** Onboards a merchant (with its payable account) from the console form. */
export function onboardMerchant(db: Database, clock: Clock, input: MerchantProfile & { currency: string }): { merchant_id: number; profile: MerchantProfile } {
  const profile = checked(input)
  return db.transaction(() => {
    assertCodeFree(db, profile.merchant_code, null)
    const row = createMerchant(db, clock, { name: profile.name, category: profile.category, currency: input.currency })
    writeProfile(db, row.id, profile)
    return { merchant_id: row.id, profile }
  })()
}

/** Changes a merchant's profile; answers what it was and what it is now, for the audit. */
export function updateMerchantProfile(db: Database, merchant_id: number, input: MerchantProfile): { before: MerchantProfile; after: MerchantProfile } {
  const after = checked(input)
  return db.transaction(() => {
    const before = profileOf(db, merchant_id)
    assertCodeFree(db, after.merchant_code, merchant_id)
    writeProfile(db, merchant_id, after)
    return { before, after }
  })()
}

/** The fields that changed, each as {before, after}: what the audit entry records. */
export function changedFields<T extends object>(before: T, after: T): Record<string, { before: unknown; after: unknown }> {
  const changes: Record<string, { before: unknown; after: unknown }> = {}
  for (const key of Object.keys(after) as Array<keyof T>) {
    if (before[key] !== after[key]) changes[String(key)] = { before: before[key], after: after[key] }
  }
  return changes
}
