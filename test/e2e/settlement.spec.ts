import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { readDemo, screenshot, signIn, staffWithRole } from './demo'
import { sendPurchase } from './merchant-api'

async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
  const started = page.waitForEvent('download')
  await page.getByRole('button', { name: button }).click()
  const file = await started
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') }
}

test('a clerk closes a batch by hand, exports its files, and takes the payout through sent, returned and re-sent', async ({ page }) => {
  // Proves the settlement screen's main task on the demo bank: a fresh purchase makes the
  // merchant's batch closable, closing it lands on the batch with the purchase as a line, the
  // three files download (pain.001 with the batch's net as CtrlSum), and the payout's steps
  // show as attempts.
  const demo = readDemo()
  const merchant = demo.merchants.find((m) => (m.currency ?? 'USD') === 'USD' && m !== demo.merchants[0]) ?? demo.merchants[0]
  if (!merchant) throw new Error('the demo file lists no merchant')
  const payer = demo.payers.find((p) => (p.currency ?? 'USD') === (merchant.currency ?? 'USD') && !/suspended/i.test(p.note ?? ''))
  if (!payer) throw new Error('the demo file has no active payer in the merchant currency')
  const item_title = `E2E settled article ${Date.now()}`
  const purchase = await sendPurchase({ api_key: merchant.api_key, payer, item: { id: `stl-${Date.now()}`, title: item_title }, amount_minor: 1_234, currency: merchant.currency ?? 'USD' })
  expect(purchase.status).toBe('approved')

  await signIn(page, staffWithRole(demo, 'back_office_clerk'))
  await page.getByRole('link', { name: 'Settlement', exact: true }).click()
  await expect(page.getByRole('heading', { name: /Due now/ })).toBeVisible()
  await page.getByRole('button', { name: 'Show every merchant' }).click()
  const due_row = page.getByRole('table', { name: 'Merchants due a settlement' }).getByRole('row').filter({ hasText: merchant.name })
  await expect(due_row).toContainText('USD')
  await screenshot(page, 'settlement-due')

  await due_row.getByRole('button', { name: `Close batch for ${merchant.name}` }).click()
  const dialog = page.getByRole('dialog', { name: 'Close settlement batch' })
  await expect(dialog).toContainText(merchant.name)
  await dialog.getByRole('button', { name: 'Close batch' }).click()
  await expect(dialog).toBeHidden()

  // The batch page: reference, figures, the purchase as a line, no payout yet.
  await expect(page.getByText(/^STL-\d{4}-\d{6}$/)).toBeVisible()
  const reference = (await page.getByText(/^STL-\d{4}-\d{6}$/).textContent()) ?? ''
  await expect(page.getByRole('table', { name: 'Batch lines' }).getByRole('row').filter({ hasText: item_title })).toContainText('12.34 USD')
  const net_text = (await page.getByRole('table', { name: 'Batch figures' }).getByRole('row').filter({ hasText: 'Net payable' }).textContent()) ?? ''
  const net = /([\d,]+\.\d{2}) USD/.exec(net_text)?.[1]?.replaceAll(',', '')
  expect(net).toBeDefined()
  await expect(page.getByText('No payout yet.')).toBeVisible()
  await screenshot(page, 'settlement-batch')

  const csv = await download(page, 'Export CSV')
  expect(csv.name).toBe(`${reference}.csv`)
  expect(csv.text).toContain(`net,${net}`)
  expect(csv.text).toContain(item_title)
  const pain = await download(page, 'Export pain.001')
  expect(pain.name).toBe(`${reference}-A1.pain001.xml`)
  expect(pain.text).toContain(`<CtrlSum>${net}</CtrlSum>`)
  expect(pain.text).toContain(`<EndToEndId>${reference}</EndToEndId>`)
  const pdf = await download(page, 'Export PDF')
  expect(pdf.name).toBe(`${reference}.pdf`)
  expect(pdf.text.startsWith('%PDF-')).toBe(true)

  const payouts = page.getByRole('table', { name: 'Payout attempts' })
  await expect(payouts.getByRole('row').filter({ hasText: `${reference}-A1` })).toContainText('file exported')
  await payouts.getByRole('button', { name: 'Mark sent' }).click()
  await page.getByRole('dialog', { name: 'Mark payout sent' }).getByRole('button', { name: 'Mark sent' }).click()
  await expect(payouts.getByRole('row').filter({ hasText: `${reference}-A1` })).toContainText('sent')

  await payouts.getByRole('button', { name: 'Record return' }).click()
  const back = page.getByRole('dialog', { name: 'Record a returned payout' })
  await back.getByRole('button', { name: 'Record return' }).click()
  await expect(back.getByText("Say why the merchant's bank returned it")).toBeVisible()
  await back.getByLabel('Reason from the bank').fill('AC04 account closed')
  await screenshot(page, 'settlement-return-dialog')
  await back.getByRole('button', { name: 'Record return' }).click()
  await expect(back).toBeHidden()
  await expect(payouts.getByRole('row').filter({ hasText: `${reference}-A1` })).toContainText('AC04 account closed')

  await page.getByRole('button', { name: 'Re-send' }).click()
  await page.getByRole('dialog', { name: 'Re-send payout' }).getByRole('button', { name: 'Re-send' }).click()
  await expect(payouts.getByRole('row').filter({ hasText: `${reference}-A2` })).toContainText('file exported')
  const pain2 = await download(page, 'Download pain.001')
  expect(pain2.name).toBe(`${reference}-A2.pain001.xml`)
  await screenshot(page, 'settlement-batch-resent')

  await page.getByRole('link', { name: 'Settlement', exact: true }).first().click()
  const batch_row = page.getByRole('table', { name: 'Settlement batches' }).getByRole('row').filter({ hasText: reference })
  await expect(batch_row).toContainText(merchant.name)
  await expect(batch_row).toContainText('By hand')
  await expect(batch_row).toContainText('file exported')
  await screenshot(page, 'settlement-batches')

  // The merchant's page: what is unsettled now, the rule, and this batch among the past ones.
  await page.goto(`/#/merchants/${merchant.merchant_id}`)
  await page.reload() // a fresh page, without the notifications of the steps above
  const panel = page.getByRole('heading', { name: 'Settlement', exact: true }).locator('xpath=ancestor::div[contains(@class, "Card")]')
  await expect(panel.getByText('Rule', { exact: true })).toBeVisible()
  await expect(panel.getByRole('table', { name: 'Settlement batches' }).getByRole('row').filter({ hasText: reference })).toContainText(net ?? '')
  await screenshot(page, 'settlement-merchant-panel')
})

test('an auditor sees batches but has no Close batch or payout buttons', async ({ page }) => {
  const demo = readDemo()
  await signIn(page, staffWithRole(demo, 'auditor'))
  await page.getByRole('link', { name: 'Settlement', exact: true }).click()
  await page.getByRole('button', { name: 'Show every merchant' }).click()
  await expect(page.getByRole('table', { name: 'Merchants due a settlement' }).getByRole('row').nth(1)).toBeVisible()
  await expect(page.getByRole('button', { name: /^Close batch/ })).toHaveCount(0)
})
