import { connect } from 'node:net'
import { expect, test } from '@playwright/test'
import { decodeMessage, encodeMessage, fieldString, type IsoMessage } from '../../main/iso8583/codec'
import { frame, FrameReader } from '../../main/iso8583/framing'
import { readDemo, screenshot, signIn, staffWithRole } from './demo'
import { e2e_iso_port } from './paths'

// The terminal registered in the first test signs on in the second.
test.describe.configure({ mode: 'serial' })

const terminal_id = 'E2EPOS01'
// Unlike the STAN counters of emulated terminals, which count up from 1.
const stan = '774411'
// Whether the host runs the emulators beside its card host is the host's business; the
// dialog must say one or the other.
const delivered_or_not = /went to the emulated terminal|No emulated terminals are running/

/** A tiny terminal: one request over a fresh connection to the card host, and its answer. */
function exchange(request: IsoMessage): Promise<IsoMessage> {
  return new Promise((resolve, reject) => {
    const socket = connect(e2e_iso_port, '127.0.0.1')
    const reader = new FrameReader()
    socket.setTimeout(10_000, () => {
      socket.destroy()
      reject(new Error(`the card host did not answer ${request.mti} within 10 s`))
    })
    socket.on('connect', () => socket.write(frame(encodeMessage(request))))
    socket.on('data', (chunk: Buffer) => {
      const [body] = reader.push(chunk)
      if (body === undefined) return
      socket.end()
      resolve(decodeMessage(body))
    })
    socket.on('error', reject)
  })
}

/** Field 7, transmission date and time: MMDDhhmmss in UTC. */
function transmissionTime(now: Date): string {
  return now.toISOString().replace(/[-:T]/g, '').slice(4, 14)
}

test('a technician registers a POS terminal and re-keys it, and the KCV changes', async ({ page }) => {
  // Proves a technician (who cannot list merchants) registers a POS by typing the merchant ID,
  // sees the new PIN key's KCV in the result and the table, and that a confirmed re-key shows a
  // different KCV, the one it replaced, and a "last re-keyed" time. Both results say whether
  // the clear key reached the emulated terminals.
  const demo = readDemo()
  const merchant = demo.merchants[0]
  if (!merchant) throw new Error('the demo file lists no merchant')
  await signIn(page, staffWithRole(demo, 'technician'))
  // A technician's first (and only back-office) screens are the registry and the log.
  await expect(page).toHaveURL(/#\/terminal-registry$/)
  await expect(page.getByRole('link', { name: 'Customers', exact: true })).toHaveCount(0)
  const table = page.getByRole('table', { name: 'Terminals' })
  await expect(table.getByRole('row').filter({ hasText: 'ATM00001' })).toContainText('ATM')

  await page.getByRole('button', { name: 'Register terminal' }).click()
  const form = page.getByRole('dialog', { name: 'Register terminal' })
  await form.getByLabel('Terminal ID').fill(terminal_id.toLowerCase())
  await expect(form.getByLabel('Terminal ID')).toHaveValue(terminal_id)
  await form.getByText('POS', { exact: true }).click()
  await form.getByRole('button', { name: 'Register terminal' }).click()
  await expect(form.getByText('A POS terminal belongs to a merchant')).toBeVisible()
  await form.getByLabel('Merchant ID').fill(String(merchant.merchant_id))
  await form.getByLabel('Location').fill('E2E test counter')
  await form.getByLabel('Currency').fill('usd')
  await screenshot(page, 'registry-form')
  await form.getByRole('button', { name: 'Register terminal' }).click()

  const registered = page.getByRole('dialog', { name: 'Terminal registered' })
  const first_kcv = (await registered.getByTestId('new-kcv').textContent()) ?? ''
  expect(first_kcv).toMatch(/^[0-9A-F]{6}$/)
  await expect(registered).toContainText(delivered_or_not)
  await registered.getByRole('button', { name: 'Close' }).click()

  const row = table.getByRole('row').filter({ hasText: terminal_id })
  await expect(row).toContainText('POS')
  await expect(row).toContainText(merchant.name)
  await expect(row).toContainText('E2E test counter')
  await expect(row.getByTestId(`kcv-${terminal_id}`)).toHaveText(first_kcv)
  await expect(row).toContainText('never')

  await row.getByRole('button', { name: `Re-key ${terminal_id}` }).click()
  const confirm = page.getByRole('dialog', { name: 'Re-key terminal' })
  await expect(confirm).toContainText(`terminal ${terminal_id}`)
  await expect(confirm).toContainText('the terminal must load the new key before its next PIN transaction')
  await confirm.getByRole('button', { name: 'Re-key' }).click()

  const rekeyed = page.getByRole('dialog', { name: 'Terminal re-keyed' })
  await expect(rekeyed.getByTestId('previous-kcv')).toHaveText(first_kcv)
  const second_kcv = (await rekeyed.getByTestId('new-kcv').textContent()) ?? ''
  expect(second_kcv).toMatch(/^[0-9A-F]{6}$/)
  expect(second_kcv).not.toBe(first_kcv)
  await screenshot(page, 'registry-rekeyed')
  await rekeyed.getByRole('button', { name: 'Close' }).click()
  await expect(row.getByTestId(`kcv-${terminal_id}`)).toHaveText(second_kcv)
  await expect(row).not.toContainText('never')
  await screenshot(page, 'registry')
})

test('a sign-on from the new terminal shows in the message log with every field', async ({ page }) => {
  // Proves a real 0800 sign-on over TCP is answered 0810 / 00 and that the message log lists
  // both messages for the terminal, named and explained, and opens one to show its fields.
  const answer = await exchange({
    mti: '0800',
    fields: new Map([
      [7, transmissionTime(new Date())],
      [11, stan],
      [41, terminal_id],
      [70, '001'],
    ]),
  })
  expect(answer.mti).toBe('0810')
  expect(fieldString(answer, 39)).toBe('00')

  await signIn(page, staffWithRole(readDemo(), 'technician'))
  await page.getByRole('link', { name: 'Message log', exact: true }).click()
  await expect(page).toHaveURL(/#\/iso-log$/)
  await page.getByLabel('Terminal ID').fill(terminal_id.toLowerCase())
  const log = page.getByRole('table', { name: 'ISO messages' })
  await expect(log.getByRole('row').nth(1)).toContainText(terminal_id)
  // An emulated terminal with this ID may sign on too; ours is the exchange with our STAN.
  const rows = log.getByRole('row').filter({ hasText: stan })
  await expect(rows).toHaveCount(2)
  // Newest first: the answer above the request.
  await expect(rows.nth(0)).toContainText('← out')
  await expect(rows.nth(0)).toContainText('0810 Network management response: sign-on')
  await expect(rows.nth(0)).toContainText('Approved')
  await expect(rows.nth(1)).toContainText('→ in')
  await expect(rows.nth(1)).toContainText('0800 Network management: sign-on')
  await screenshot(page, 'iso-log')

  await rows.nth(1).click()
  const drawer = page.getByRole('dialog', { name: /Message 0800/ })
  const fields = drawer.getByRole('table', { name: 'Message fields' })
  await expect(fields.getByRole('row').filter({ hasText: 'Network management information code' })).toContainText('001')
  await expect(fields.getByRole('row').filter({ hasText: 'Card acceptor terminal identification' })).toContainText(terminal_id)
  await screenshot(page, 'iso-log-message')
})

test('an auditor reads the registry but cannot register or re-key', async ({ page }) => {
  // Proves the registry hides what the auditor's role may not call.
  await signIn(page, staffWithRole(readDemo(), 'auditor'))
  await page.getByRole('link', { name: 'Terminal registry', exact: true }).click()
  await expect(page.getByRole('table', { name: 'Terminals' }).getByRole('row').filter({ hasText: terminal_id })).toBeVisible()
  await expect(page.getByRole('button', { name: 'Register terminal' })).toHaveCount(0)
  await expect(page.getByRole('button', { name: /^Re-key/ })).toHaveCount(0)
})
