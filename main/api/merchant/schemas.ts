import { z } from '@hono/zod-openapi'

const amount_minor = z
  .number()
  .int('amount_minor must be a whole number of minor units (cents)')
  .positive('amount_minor must be greater than zero')
  .max(1_000_000_000_000, 'amount_minor is too large')
  .openapi({ example: 120, description: 'Integer amount in the currency minor unit (cents for USD)' })

const currency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'currency must be a 3-letter ISO 4217 code such as USD')
  .openapi({ example: 'USD' })

export const problem = z
  .object({ code: z.string(), message: z.string() })
  .openapi('Problem', { description: 'What was wrong, in a sentence' })

export const payer_session_request = z
  .object({ payer_id: z.string().min(1).max(40), password: z.string().min(1).max(200) })
  .strict()
  .openapi('PayerSessionRequest')

export const payer_session = z
  .object({
    payer_token: z.string().openapi({ description: 'Give this to merchants with purchases; it is good for nothing else' }),
    account_token: z.string().openapi({ description: "The payer's own token for /payer/accounts and /payer/transfers; never give it to a merchant" }),
    expires_at: z.string().openapi({ format: 'date-time' }),
  })
  .openapi('PayerSession')

export const payment_options_query = z.object({
  amount_minor: z
    .string()
    .regex(/^[1-9][0-9]{0,12}$/, 'amount_minor must be a positive whole number of minor units')
    .openapi({ example: '120' }),
  currency,
})

export const payment_options = z
  .object({
    amount_minor: z.number().int(),
    currency: z.string(),
    threshold_minor: z.number().int(),
    options: z.array(z.object({ method: z.enum(['micropayment', 'credit']), label: z.string() })),
  })
  .openapi('PaymentOptions')

export const purchase_request = z
  .object({
    payer_token: z.string().min(1).max(200),
    item: z.object({ id: z.string().min(1).max(100), title: z.string().min(1).max(200) }).strict(),
    amount_minor,
    currency,
  })
  .strict()
  .openapi('PurchaseRequest')

const item = z.object({ id: z.string(), title: z.string() })

export const purchase_approved = z
  .object({
    purchase_id: z.string(),
    status: z.literal('approved'),
    method: z.enum(['micropayment', 'credit']),
    top_up_minor: z.number().int(),
    amount_minor: z.number().int(),
    currency: z.string(),
    item,
    payer: z.string().openapi({ description: "The payer's pseudonym at this merchant; never a name or account" }),
    created_at: z.string(),
  })
  .openapi('PurchaseApproved')

export const purchase_declined = z
  .object({
    purchase_id: z.string(),
    status: z.literal('declined'),
    code: z.string(),
    message: z.string(),
    amount_minor: z.number().int(),
    currency: z.string(),
    item,
    payer: z.string().nullable(),
    created_at: z.string(),
  })
  .openapi('PurchaseDeclined')

export const purchase_id_param = z.object({ id: z.string().regex(/^pur_[0-9a-f]{20}$/, 'not a purchase id') })

export const payer_transfer_request = z
  .object({ direction: z.enum(['value_to_cash_access', 'cash_access_to_value']), amount_minor })
  .strict()
  .openapi('PayerTransferRequest')

export const payer_account = z.object({
  kind: z.enum(['value', 'cash_access', 'credit']),
  currency: z.string(),
  balance_minor: z.number().int(),
  available_minor: z.number().int(),
})

export const payer_accounts = z.object({ payer_id: z.string(), accounts: z.array(payer_account) }).openapi('PayerAccounts')

export const payer_transfer = z
  .object({ transfer_id: z.number().int(), accounts: z.array(payer_account) })
  .openapi('PayerTransfer')

export const idempotency_header = z.object({
  'idempotency-key': z
    .string({ error: 'the Idempotency-Key header is required: one unique key per purchase attempt' })
    .min(1)
    .max(255)
    .openapi({ description: 'One unique key per purchase attempt (Idempotency-Key header)', example: '4f7d1e9a-0c1b-4e55-9a53-1f2c2b8d7a10' }),
})
