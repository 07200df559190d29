import type { HandlersFor } from '../handler-types'
import { staffOf } from '../handler-types'
import type { merchant_commands } from '../commands/merchants'
import { audit } from '../../../staff/audit'
import { listMerchants, merchant, merchantDetail } from '../../../merchants/merchants'
import { changedFields, onboardMerchant, updateMerchantProfile } from '../../../merchants/onboarding'
import { setMerchantTerms } from '../../../merchants/terms'
import { issueApiKey, listApiKeys, revokeApiKey, rotateApiKey } from '../../../merchants/api-keys'
import { addSharedMerchant, listSharedPos, removeSharedMerchant } from '../../../merchants/routing'

/**
 * Every change is audited inside the same transaction as the change. API keys appear in
 * the answer once and never in the audit trail: only their prefix does.
 */
export const merchant_handlers: HandlersFor<typeof merchant_commands> = {
  'merchants.list': (ctx, input) => listMerchants(ctx.db, input),
  'merchants.get': (ctx, input) => ({ merchant: merchantDetail(ctx.db, input.merchant_id, ctx.clock.now()) }),
  'merchants.create': (ctx, input, caller) =>
    ctx.db.transaction(() => {
      const { merchant_id, profile } = onboardMerchant(ctx.db, ctx.clock, input)
      audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'merchant.create', subject: `merchant:${merchant_id}`, detail: { ...profile, currency: input.currency } })
      return { merchant: merchantDetail(ctx.db, merchant_id, ctx.clock.now()) }
    })(),
  'merchants.update': (ctx, { merchant_id, ...profile }, caller) =>
    ctx.db.transaction(() => {
      const { before, after } = updateMerchantProfile(ctx.db, merchant_id, profile)
      const changes = changedFields(before, after)
      if (Object.keys(changes).length > 0) {
        audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'merchant.update', subject: `merchant:${merchant_id}`, detail: { changes } })
      }
      return { merchant: merchantDetail(ctx.db, merchant_id, ctx.clock.now()) }
    })(),
  'merchants.set_terms': (ctx, { merchant_id, ...terms }, caller) =>
    ctx.db.transaction(() => {
      const { before, after } = setMerchantTerms(ctx.db, merchant_id, terms)
      if (Object.keys(changedFields(before, after)).length > 0) {
        audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'merchant.set_terms', subject: `merchant:${merchant_id}`, detail: { before, after } })
      }
      return { merchant: merchantDetail(ctx.db, merchant_id, ctx.clock.now()) }
    })(),
  'merchants.api_keys.list': (ctx, input) => {
    const rows = listApiKeys(ctx.db, input.merchant_id)
    return { rows, total: rows.length }
  },
  'merchants.api_keys.create': (ctx, input, caller) =>
    ctx.db.transaction(() => {
      const made = issueApiKey(ctx.db, ctx.clock, input.merchant_id, input.label)
      audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'merchant.api_key_create', subject: `merchant:${input.merchant_id}`, detail: { key_id: made.key.id, key_prefix: made.key.key_prefix, label: made.key.label } })
      return made
    })(),
  'merchants.api_keys.revoke': (ctx, input, caller) =>
    ctx.db.transaction(() => {
      const key = revokeApiKey(ctx.db, ctx.clock, input.key_id)
      audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'merchant.api_key_revoke', subject: `merchant:${key.merchant_id}`, detail: { key_id: key.id, key_prefix: key.key_prefix } })
      return { key }
    })(),
  'merchants.api_keys.rotate': (ctx, input, caller) =>
    ctx.db.transaction(() => {
      const rotated = rotateApiKey(ctx.db, ctx.clock, input)
      audit(ctx.db, ctx.clock, {
        staff_id: staffOf(caller).id,
        action: 'merchant.api_key_rotate',
        subject: `merchant:${rotated.key.merchant_id}`,
        detail: { old_key_id: rotated.old.id, old_key_prefix: rotated.old.key_prefix, new_key_id: rotated.key.id, new_key_prefix: rotated.key.key_prefix, old_revoked: rotated.old.revoked_at !== null },
      })
      return rotated
    })(),
  'merchants.shared_pos.list': (ctx, input) => {
    const rows = listSharedPos(ctx.db, input)
    return { rows, total: rows.length }
  },
  'merchants.shared_pos.add': (ctx, input, caller) =>
    ctx.db.transaction(() => {
      const terminal = addSharedMerchant(ctx.db, ctx.clock, input.terminal_id, input.merchant_id)
      audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'merchant.shared_pos_add', subject: `terminal:${input.terminal_id}`, detail: { merchant_id: input.merchant_id, merchant_code: merchant(ctx.db, input.merchant_id).merchant_code } })
      return { terminal }
    })(),
  'merchants.shared_pos.remove': (ctx, input, caller) =>
    ctx.db.transaction(() => {
      const terminal = removeSharedMerchant(ctx.db, input.terminal_id, input.merchant_id)
      audit(ctx.db, ctx.clock, { staff_id: staffOf(caller).id, action: 'merchant.shared_pos_remove', subject: `terminal:${input.terminal_id}`, detail: { merchant_id: input.merchant_id } })
      return { terminal }
    })(),
}
