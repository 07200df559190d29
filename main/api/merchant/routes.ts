import { OpenAPIHono, createRoute, type z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import type { HostContext } from '../../host/context'
import { merchantByApiKey, type MerchantRow } from '../../merchants/merchants'
import type { CustomerRow } from '../../customers/customers'
import { customerAccounts } from '../../customers/customers'
import { availableMinor, postedBalance, type AccountRow } from '../../ledger/accounts'
import { currency as findCurrency, micropaymentThreshold } from '../../payments/thresholds'
import { moveValue } from '../../payments/value-moves'
import { amount_minor_max } from '../../ledger/money'
import { describeZodError } from '../errors'
import { ApiProblem } from '../problem'
import * as s from './schemas'

const problem_responses = {
  400: { description: 'Bad input: the message names the field', content: { 'application/json': { schema: s.problem } } },
  401: { description: 'Missing or unknown credentials', content: { 'application/json': { schema: s.problem } } },
} as const

const bearer = [{ merchantApiKey: [] }]
const payer_bearer = [{ payerToken: [] }]

function bearerToken(c: Context): string | undefined {
  const header = c.req.header('authorization') ?? ''
  const match = /^Bearer ([A-Za-z0-9_\-.]{10,300})$/.exec(header)
  return match?.[1]
}

function merchantOf(c: Context, ctx: HostContext): MerchantRow {
  const key = bearerToken(c)
  const merchant = key ? merchantByApiKey(ctx.db, key) : undefined
  if (!merchant) throw new ApiProblem(401, 'unauthenticated', 'send the merchant API key as "Authorization: Bearer <key>"; this key is unknown or revoked')
  return merchant
}

function payerOf(c: Context, ctx: HostContext): CustomerRow {
  const token = bearerToken(c)
  const customer = token ? ctx.payers.resolve(token, 'account') : undefined
  if (!customer) throw new ApiProblem(401, 'unauthenticated', 'send the payer\'s account token as "Authorization: Bearer <account_token>" (not the purchase token merchants hold); log in again at POST /api/v1/payer-sessions')
  return customer
}

function payerAccountsView(accounts: AccountRow[]): z.infer<typeof s.payer_account>[] {
  return accounts.map((a) => ({
    kind: a.kind as 'value' | 'cash_access' | 'credit',
    currency: a.currency,
    balance_minor: postedBalance(a),
    available_minor: availableMinor(a) ?? 0,
  }))
}

/**
 * The merchant API (REST, OpenAPI at /api/v1/openapi.json). Merchants' commerce servers
 * open payer sessions, ask which payment options to show, and send purchases. Nothing
 * here reveals who a payer is: merchants see only a pseudonym.
 */
type MerchantApiEnv = { Variables: { merchant: MerchantRow; payer: CustomerRow } }

export function merchantApi(ctx: HostContext): OpenAPIHono<MerchantApiEnv> {
  const app = new OpenAPIHono<MerchantApiEnv>({
    defaultHook: (result) => {
      if (!result.success) throw new ApiProblem(400, 'bad_request', describeZodError(result.error))
    },
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'merchantApiKey', { type: 'http', scheme: 'bearer', description: 'Merchant API key' })
  // Credentials are checked before the body is validated: a caller without them learns
  // nothing about what a valid request looks like, and gets the 401 it needs to fix first.
  for (const route of ['/payment-options', '/purchases', '/purchases/*']) {
    app.use(route, async (c, next) => {
      c.set('merchant', merchantOf(c, ctx))
      await next()
    })
  }
  app.use('/payer/*', async (c, next) => {
    c.set('payer', payerOf(c, ctx))
    await next()
  })
  app.openAPIRegistry.registerComponent('securitySchemes', 'payerToken', { type: 'http', scheme: 'bearer', description: 'The account token from POST /payer-sessions (the payer\'s own; never the purchase token)' })

  app.openapi(
    createRoute({
      method: 'post',
      path: '/payer-sessions',
      summary: 'Log a payer in once for every merchant (seed 003 claims 13 and 26)',
      request: { body: { required: true, content: { 'application/json': { schema: s.payer_session_request } } } },
      responses: {
        201: { description: 'A time-limited payer token', content: { 'application/json': { schema: s.payer_session } } },
        ...problem_responses,
      },
    }),
    (c) => {
      const { payer_id, password } = c.req.valid('json')
      const session = ctx.payers.login(payer_id, password)
      if (!session) throw new ApiProblem(401, 'payer_login_failed', 'the payer id or password is wrong')
      return c.json(session, 201)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/payment-options',
      summary: "Which payment options a checkout shows for an amount (seed 002): micropayment only below the threshold",
      security: bearer,
      request: { query: s.payment_options_query },
      responses: {
        200: { description: 'The options to show', content: { 'application/json': { schema: s.payment_options } } },
        ...problem_responses,
      },
    }),
    (c) => {
      const query = c.req.valid('query')
      const amount_minor = Number(query.amount_minor)
      if (!findCurrency(ctx.db, query.currency)) throw new ApiProblem(400, 'bad_request', `currency: ${query.currency} is not an ISO 4217 currency this bank knows`)
      if (amount_minor > amount_minor_max) throw new ApiProblem(400, 'bad_request', `amount_minor: at most ${amount_minor_max}`)
      const threshold_minor = micropaymentThreshold(ctx.db, query.currency)
      if (threshold_minor === undefined) throw new ApiProblem(400, 'bad_request', `currency: the service provider takes no purchases in ${query.currency}`)
      // A suspended merchant's checkout offers nothing: a purchase would be declined anyway.
      const options = c.get('merchant').status !== 'active'
        ? []
        : amount_minor < threshold_minor
          ? [{ method: 'micropayment' as const, label: 'Pay from your value account' }]
          : [{ method: 'credit' as const, label: 'Charge to your credit account' }]
      return c.json({ amount_minor, currency: query.currency, threshold_minor, options }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/purchases',
      summary: 'Send a purchase: approved (201) or declined (402), exactly once per Idempotency-Key',
      security: bearer,
      request: {
        headers: s.idempotency_header,
        body: { required: true, content: { 'application/json': { schema: s.purchase_request } } },
      },
      responses: {
        201: { description: 'Approved', content: { 'application/json': { schema: s.purchase_approved } } },
        402: { description: 'Declined, with a code and a sentence', content: { 'application/json': { schema: s.purchase_declined } } },
        409: { description: 'The Idempotency-Key was used for a different purchase', content: { 'application/json': { schema: s.problem } } },
        ...problem_responses,
      },
    }),
    (c) => {
      const merchant = c.get('merchant')
      const body = c.req.valid('json')
      if (!findCurrency(ctx.db, body.currency)) throw new ApiProblem(400, 'bad_request', `currency: ${body.currency} is not an ISO 4217 currency this bank knows`)
      const { result, replayed } = ctx.purchases.purchase({
        merchant,
        idempotency_key: c.req.valid('header')['idempotency-key'],
        payer_token: body.payer_token,
        item: body.item,
        amount_minor: body.amount_minor,
        currency: body.currency,
      })
      if (replayed) c.header('Idempotent-Replayed', 'true')
      return result.status === 'approved' ? c.json(result, 201) : c.json(result, 402)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/purchases/{id}',
      summary: 'A purchase this merchant sent, as it was answered',
      security: bearer,
      request: { params: s.purchase_id_param },
      responses: {
        200: {
          description: 'The purchase',
          content: { 'application/json': { schema: s.purchase_approved.or(s.purchase_declined) } },
        },
        404: { description: 'No such purchase for this merchant', content: { 'application/json': { schema: s.problem } } },
        ...problem_responses,
      },
    }),
    (c) => {
      const merchant = c.get('merchant')
      const found = ctx.purchases.find(merchant.id, c.req.valid('param').id)
      if (!found) throw new ApiProblem(404, 'not_found', 'this merchant has no purchase with that id')
      return c.json(found, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'get',
      path: '/payer/accounts',
      summary: "The payer's own balances",
      security: payer_bearer,
      responses: {
        200: { description: 'Balances', content: { 'application/json': { schema: s.payer_accounts } } },
        ...problem_responses,
      },
    }),
    (c) => {
      const customer = c.get('payer')
      const a = customerAccounts(ctx.db, customer.id)
      return c.json({ payer_id: customer.payer_id, accounts: payerAccountsView([a.value, a.cash_access, a.credit]) }, 200)
    },
  )

  app.openapi(
    createRoute({
      method: 'post',
      path: '/payer/transfers',
      summary: 'Move value between the value and cash-access accounts (seed 000 claim 2)',
      security: payer_bearer,
      request: {
        headers: s.idempotency_header,
        body: { required: true, content: { 'application/json': { schema: s.payer_transfer_request } } },
      },
      responses: {
        201: { description: 'Moved', content: { 'application/json': { schema: s.payer_transfer } } },
        409: { description: 'The Idempotency-Key was used for a different request', content: { 'application/json': { schema: s.problem } } },
        422: { description: 'Refused by a balance rule', content: { 'application/json': { schema: s.problem } } },
        ...problem_responses,
      },
    }),
    (c) => {
      const customer = c.get('payer')
      const body = c.req.valid('json')
      const moved = moveValue(ctx.db, ctx.clock, ctx.ledger, ctx.requests, {
        scope: `payer:${customer.id}`,
        idempotency_key: c.req.valid('header')['idempotency-key'],
        customer_id: customer.id,
        direction: body.direction,
        amount_minor: body.amount_minor,
      })
      if (moved.replayed) c.header('Idempotent-Replayed', 'true')
      const a = customerAccounts(ctx.db, customer.id)
      return c.json({ transfer_id: moved.transfer_id, accounts: payerAccountsView([a.value, a.cash_access, a.credit]) }, 201)
    },
  )

  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: {
      title: 'Centavo merchant API',
      version: '1.0.0',
      description:
        'Purchases from merchants to the micropayment service provider. Amounts are integer minor units with an ISO 4217 currency. ' +
        'Every purchase carries an Idempotency-Key header: a repeat returns the first answer and moves nothing.',
    },
    servers: [{ url: '/api/v1' }],
  })
  return app
}
