/** A merchant's side of a purchase, through the public merchant API, as a shop's server would send it. */
import { randomUUID } from 'node:crypto'
import { expect } from '@playwright/test'
import { e2e_base_url } from './paths'

export interface PurchaseRequest {
  api_key: string
  payer: { payer_id: string; password: string }
  item: { id: string; title: string }
  amount_minor: number
  currency: string
}

export async function sendPurchase(request: PurchaseRequest): Promise<{ purchase_id: string; status: string; method: string }> {
  const session_answer = await fetch(`${e2e_base_url}/api/v1/payer-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ payer_id: request.payer.payer_id, password: request.payer.password }),
  })
  expect(session_answer.status).toBe(201)
  const session = (await session_answer.json()) as { payer_token: string }

  const purchase_answer = await fetch(`${e2e_base_url}/api/v1/purchases`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${request.api_key}`,
      'idempotency-key': randomUUID(),
      'content-type': 'application/json',
    },
    body: JSON.stringify({
      payer_token: session.payer_token,
      item: request.item,
      amount_minor: request.amount_minor,
      currency: request.currency,
    }),
  })
  const body = (await purchase_answer.json()) as { purchase_id: string; status: string; method: string }
  expect(purchase_answer.status, JSON.stringify(body)).toBe(201)
  return body
}
