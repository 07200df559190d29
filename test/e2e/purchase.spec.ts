import { expect, test } from '@playwright/test'
import { readDemo, screenshot, signIn, staffWithRole } from './demo'
import { sendPurchase } from './merchant-api'

test('a purchase sent through the merchant API shows in the journal, orders and merchants', async ({ page }) => {
  // Proves the console shows what the merchant API did: the purchase's transfer in the
  // journal (with its item title), the purchase itself, and one more approved purchase for
  // the merchant.
  const demo = readDemo()
  const merchant = demo.merchants[0]
  if (!merchant) throw new Error('the demo file lists no merchant')
  const payer = demo.payers.find((p) => p.currency === (merchant.currency ?? 'USD') && !/suspended/i.test(p.note ?? ''))
  if (!payer) throw new Error(`the demo file has no active payer in ${merchant.currency}`)

  await signIn(page, staffWithRole(demo, 'administrator'))
  await page.getByRole('link', { name: 'Merchants', exact: true }).click()
  const merchants_table = page.getByRole('table', { name: 'Merchants' })
  const merchant_row = merchants_table.getByRole('row').filter({ hasText: merchant.name })
  // Found by its header, so a column added to the screen does not move what is read.
  await expect(merchant_row).toBeVisible()
  const headers = await merchants_table.getByRole('columnheader').allTextContents()
  const approved_index = headers.findIndex((h) => h.includes('Approved purchases'))
  expect(approved_index, headers.join(' | ')).toBeGreaterThan(0)
  const approved_cell = merchant_row.getByRole('cell').nth(approved_index)
  const approved_before = Number((await approved_cell.textContent())?.replaceAll(',', ''))
  expect(Number.isInteger(approved_before)).toBe(true)

  const item_title = `E2E article ${Date.now()}`
  const purchase = await sendPurchase({
    api_key: merchant.api_key,
    payer,
    item: { id: `e2e-${Date.now()}`, title: item_title },
    amount_minor: 25,
    currency: merchant.currency ?? 'USD',
  })
  expect(purchase.status).toBe('approved')

  await page.getByRole('link', { name: 'Journal', exact: true }).click()
  const journal_row = page.getByRole('table', { name: 'Transfers' }).getByRole('row').filter({ hasText: item_title })
  await expect(journal_row.first()).toContainText(merchant.name)
  await expect(journal_row.first()).toContainText(payer.name)
  await screenshot(page, 'journal')

  // The code filter keeps the purchase under its own code and hides it under another.
  const own_code = purchase.method === 'credit' ? 'credit purchase' : 'micropayment'
  await page.getByRole('textbox', { name: 'Code' }).click()
  await page.getByRole('option', { name: own_code, exact: true }).click()
  await expect(journal_row.first()).toBeVisible()
  await page.getByRole('textbox', { name: 'Code' }).click()
  await page.getByRole('option', { name: 'value funding', exact: true }).click()
  await expect(page.getByRole('table', { name: 'Transfers' }).getByRole('row').nth(1)).toBeVisible()
  await expect(journal_row).toHaveCount(0)

  await page.getByRole('link', { name: 'Orders', exact: true }).click()
  const purchase_row = page.getByRole('table', { name: 'Orders' }).getByRole('row').filter({ hasText: item_title })
  await expect(purchase_row).toContainText(payer.name)
  await expect(purchase_row).toContainText('approved')
  await expect(purchase_row).toContainText('0.25')
  await screenshot(page, 'orders-after-purchase')

  await page.getByRole('link', { name: 'Merchants', exact: true }).click()
  await expect(approved_cell).toHaveText(String(approved_before + 1))
  await screenshot(page, 'merchants')
})
