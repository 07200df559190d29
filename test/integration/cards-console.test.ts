import { beforeAll, describe, expect, it } from 'vitest'
import { openDemoApp, seedDemoImage, type DemoApp, type DemoImage, signIn } from './demo-app'
import { customerByPayerId } from '../../main/customers/customers'
import type { IssuedPlastic } from '../../main/cards/cards'
import type { TerminalKeyDelivery } from '../../main/host/handover'

let demo: DemoImage
beforeAll(() => {
  demo = seedDemoImage()
})

async function call(t: DemoApp, cookie: string, command: string, input: unknown) {
  const res = await t.app.request(`/console/api/${command}`, { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: JSON.stringify(input) })
  return { status: res.status, body: (await res.json()) as { ok: boolean; data?: Record<string, unknown>; error?: { message: string } } }
}

describe('cards and terminals from the console', () => {
  it('issues a card with a PIN mailer, hands the plastic to the emulators, and shows only BIN and last four', async () => {
    const t = openDemoApp(demo)
    const received: Array<{ plastic: IssuedPlastic; label: string }> = []
    t.ctx.handover.connect({ receivePlastic: (plastic, label) => received.push({ plastic, label }), receiveTerminalKey: () => {} })
    const clerk = await signIn(t, 'back_office_clerk')
    const ada = customerByPayerId(t.db, t.credentials.payers[0]!.payer_id)!
    const issued = await call(t, clerk, 'cards.issue', { customer_id: ada.id })
    expect(issued.status).toBe(200)
    const data = issued.body.data as { card: { masked_pan: string; status: string }; pin_mailer: string; in_wallet: boolean }
    expect(data.pin_mailer).toMatch(/^\d{4}$/)
    expect(data.in_wallet).toBe(true)
    expect(received).toHaveLength(1)
    const pan = received[0]!.plastic.pan
    expect(data.card.masked_pan).toBe(`${pan.slice(0, 6)}******${pan.slice(-4)}`)
    expect(received[0]!.label).toContain('Ada Lovelace')
    const listed = await call(t, clerk, 'cards.list', { customer_id: ada.id })
    expect(JSON.stringify(listed.body)).not.toContain(pan)
    // Nothing the host keeps holds the PAN, the CVV or the PIN.
    const kept = JSON.stringify([t.db.prepare('SELECT * FROM cards').all(), t.db.prepare('SELECT * FROM audit_log').all(), t.db.prepare('SELECT * FROM requests').all()])
    expect(kept).not.toContain(pan)
    expect(kept).not.toContain(received[0]!.plastic.discretionary)
  })

  it('lets a clerk block a card, unblocks it only when a second person approves, and a lost card stays lost', async () => {
    const t = openDemoApp(demo)
    const clerk = await signIn(t, 'back_office_clerk')
    const supervisor = await signIn(t, 'supervisor')
    const ada = customerByPayerId(t.db, t.credentials.payers[0]!.payer_id)!
    const issued = (await call(t, clerk, 'cards.issue', { customer_id: ada.id, pin: '8642' })).body.data as { card: { id: number }; pin_mailer: string | null; in_wallet: boolean }
    expect(issued.pin_mailer).toBeNull()
    expect(issued.in_wallet).toBe(false)
    expect((await call(t, clerk, 'cards.block', { card_id: issued.card.id })).status).toBe(200)
    // No direct unblock exists: a clerk asks, and a supervisor's approval applies it.
    expect((await call(t, supervisor, 'cards.unblock', { card_id: issued.card.id })).status).toBe(404)
    const asked = (await call(t, clerk, 'approvals.request_card_unblock', { card_id: issued.card.id, reason: 'customer at the desk with ID' })).body.data as { approval: { id: number } }
    expect((await call(t, clerk, 'cards.list', { customer_id: ada.id })).body.data).toMatchObject({ rows: expect.arrayContaining([expect.objectContaining({ id: issued.card.id, status: 'blocked' })]) })
    expect((await call(t, supervisor, 'approvals.approve', { id: asked.approval.id })).status).toBe(200)
    expect((await call(t, clerk, 'cards.list', { customer_id: ada.id })).body.data).toMatchObject({ rows: expect.arrayContaining([expect.objectContaining({ id: issued.card.id, status: 'active' })]) })
    expect((await call(t, clerk, 'cards.report_lost', { card_id: issued.card.id })).status).toBe(200)
    const refused = await call(t, clerk, 'approvals.request_card_unblock', { card_id: issued.card.id, reason: 'found it' })
    expect(refused.status).toBe(422)
    expect(refused.body.error?.message).toMatch(/only a blocked card/)
    const replaced = (await call(t, clerk, 'cards.replace', { card_id: issued.card.id })).body.data as { card: { id: number; status: string } }
    expect(replaced.card.status).toBe('active')
    const cards = (await call(t, clerk, 'cards.list', { customer_id: ada.id })).body.data as { rows: Array<{ id: number; status: string }> }
    expect(cards.rows.find((c) => c.id === issued.card.id)?.status).toBe('replaced')
  })

  it('registers a terminal, shows its key check value, hands the clear key to the emulators, and re-keys it', async () => {
    const t = openDemoApp(demo)
    const keys: TerminalKeyDelivery[] = []
    t.ctx.handover.connect({ receivePlastic: () => {}, receiveTerminalKey: (delivery) => keys.push(delivery) })
    const technician = await signIn(t, 'technician')
    const created = await call(t, technician, 'terminals.create', { terminal_id: 'ATMTEST1', kind: 'atm', location: 'Branch lobby', currency: 'USD' })
    expect(created.status).toBe(200)
    const first = (created.body.data as { terminal: { pin_key_kcv: string } }).terminal.pin_key_kcv
    expect(first).toMatch(/^[0-9A-F]{6}$/)
    expect(keys[0]).toMatchObject({ terminal_id: 'ATMTEST1', kind: 'atm' })
    expect(keys[0]!.pin_key_hex).toMatch(/^[0-9A-F]{32}$/)
    const rekeyed = (await call(t, technician, 'terminals.rekey', { terminal_id: 'ATMTEST1' })).body.data as { terminal: { pin_key_kcv: string; rekeyed_at: string | null } }
    expect(rekeyed.terminal.pin_key_kcv).not.toBe(first)
    expect(rekeyed.terminal.rekeyed_at).not.toBeNull()
    expect(JSON.stringify(t.db.prepare('SELECT * FROM terminals').all())).not.toContain(keys[1]!.pin_key_hex)
    const duplicate = await call(t, technician, 'terminals.create', { terminal_id: 'ATMTEST1', kind: 'atm', location: '', currency: 'USD' })
    expect(duplicate.status).toBeGreaterThanOrEqual(400)
    const pos_without_merchant = await call(t, technician, 'terminals.create', { terminal_id: 'POSTEST1', kind: 'pos', location: '', currency: 'USD' })
    expect(pos_without_merchant.status).toBe(400)
    expect(pos_without_merchant.body.error?.message).toMatch(/merchant/)
  })
})
