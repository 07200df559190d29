import { randomUUID } from 'node:crypto'
import { expect, test, type Page } from '@playwright/test'
import { formatMinor } from '../../main/ledger/money'
import { readDemo, screenshot, signIn, staffWithRole } from './demo'
import { e2e_base_url } from './paths'

interface Figure {
  count: number
  amount_minor: number
}
interface DashboardAnswer {
  currencies: Array<{ currency: string; exponent: number; today: Record<'purchases' | 'micropayments' | 'credit_purchases' | 'top_ups', Figure>; month: Record<'purchases', Figure>; top_merchants: Array<{ name: string } & Figure> }>
}

/** The dashboard as the host answers it to the signed-in page, to compare with the screen. */
async function hostDashboard(page: Page): Promise<DashboardAnswer> {
  return page.evaluate(async () => {
    const response = await fetch('/console/api/dashboard.get', { method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'same-origin', body: '{}' })
    const body = (await response.json()) as { ok: boolean; data: unknown }
    return body.data as DashboardAnswer
  })
}

test('a back-office clerk lands on the dashboard and its figures are the host’s, with a chart', async ({ page }) => {
  // Proves a clerk's first screen is the dashboard; the today and month cards show the host's
  // own counts and amounts (right-aligned, with the currency); the 30-day chart is drawn; the
  // top merchants table lists this month's merchants; a branch tester has no dashboard.
  const demo = readDemo()
  await signIn(page, staffWithRole(demo, 'back_office_clerk'))
  await expect(page).toHaveURL(/#\/dashboard$/)
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible()

  const answer = await hostDashboard(page)
  const usd = answer.currencies.find((c) => c.currency === 'USD')
  if (!usd) throw new Error('the demo bank answers no USD dashboard')
  expect(usd.month.purchases.count).toBeGreaterThan(0)

  const today = page.getByRole('region', { name: 'Today, USD' })
  const purchases_row = today.getByRole('row').filter({ hasText: 'Approved purchases' })
  await expect(purchases_row).toContainText(usd.today.purchases.count.toLocaleString('en-US'))
  await expect(purchases_row).toContainText(`${formatMinor(usd.today.purchases.amount_minor, usd.exponent)} USD`)
  await expect(today.getByRole('row').filter({ hasText: 'Top-ups from credit' })).toContainText(`${formatMinor(usd.today.top_ups.amount_minor, usd.exponent)} USD`)
  const month = page.getByRole('region', { name: 'This month, USD' })
  await expect(month.getByRole('row').filter({ hasText: 'Approved purchases' })).toContainText(`${formatMinor(usd.month.purchases.amount_minor, usd.exponent)} USD`)
  // Amounts sit at the right edge of their cells.
  const amount_cell = purchases_row.getByRole('cell').nth(2)
  expect(await amount_cell.evaluate((cell) => cell.ownerDocument.defaultView?.getComputedStyle(cell).textAlign)).toBe('right')

  const chart = page.getByRole('figure', { name: 'Last 30 days, USD' })
  await expect(chart.locator('.recharts-surface').first()).toBeVisible()
  await expect(chart.locator('.recharts-bar-rectangle').first()).toBeAttached()
  await expect(chart).toContainText('Micropayments')
  await expect(chart).toContainText('Credit purchases')

  const top = page.getByRole('table', { name: 'Top merchants this month, USD' })
  const first_merchant = usd.top_merchants[0]
  if (!first_merchant) throw new Error('the demo bank has no merchant with purchases this month')
  await expect(top.getByRole('row').nth(1)).toContainText(first_merchant.name)
  await expect(top.getByRole('row').nth(1)).toContainText(`${formatMinor(first_merchant.amount_minor, usd.exponent)} USD`)
  await expect(page.getByRole('region', { name: 'Bills overdue, USD' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Open disputes, USD' })).toBeVisible()
  await expect(page.getByRole('region', { name: 'Settlements due, USD' })).toBeVisible()
  await screenshot(page, 'dashboard')

  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export CSV' }).first().click()
  const csv = await (await download).createReadStream()
  const chunks: Buffer[] = []
  for await (const chunk of csv) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  expect(text.split('\r\n')[0]).toBe('#,Merchant,Purchases,Amount')
  expect(text).toContain(`${first_merchant.name},${first_merchant.count},${formatMinor(first_merchant.amount_minor, usd.exponent).replaceAll(',', '')}`)
})

test('an auditor lands on the dashboard too; a branch tester has none and the host refuses it', async ({ page }) => {
  const demo = readDemo()
  await signIn(page, staffWithRole(demo, 'auditor'))
  await expect(page).toHaveURL(/#\/dashboard$/)
  await expect(page.getByRole('region', { name: 'Today, USD' })).toBeVisible()
  await page.getByRole('button', { name: 'Sign out' }).click()

  await signIn(page, staffWithRole(demo, 'branch_tester'))
  await expect(page.getByRole('link', { name: 'Dashboard', exact: true })).toHaveCount(0)
  const status = await page.evaluate(async () => (await fetch('/console/api/dashboard.get', { method: 'POST', headers: { 'content-type': 'application/json' }, credentials: 'same-origin', body: '{}' })).status)
  expect(status).toBe(403)
})

test('a long journal page is virtualised and worked from the keyboard', async ({ page }) => {
  // Proves a page of more than 160 rows keeps only the rows in view in the document, that End and Home
  // move the row focus to the last and first row of the page, and that Enter opens a row.
  const demo = readDemo()
  const merchant = demo.merchants.find((m) => (m.currency ?? 'USD') === 'USD')
  const payer = demo.payers.find((p) => (p.currency ?? 'USD') === 'USD' && !/suspended|not billable|overdue/i.test(p.note ?? ''))
  if (!merchant || !payer) throw new Error('the demo file lists no USD merchant and active payer')
  const session = await fetch(`${e2e_base_url}/api/v1/payer-sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ payer_id: payer.payer_id, password: payer.password }),
  })
  expect(session.status).toBe(201)
  const { payer_token } = (await session.json()) as { payer_token: string }
  // 1-cent micropayments: 160 transfers or more, a long page, at almost no cost to the payer.
  for (let i = 0; i < 160; i++) {
    const answer = await fetch(`${e2e_base_url}/api/v1/purchases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${merchant.api_key}`, 'idempotency-key': randomUUID(), 'content-type': 'application/json' },
      body: JSON.stringify({ payer_token, item: { id: `e2e-long-${i}`, title: `Long page article ${i}` }, amount_minor: 1, currency: 'USD' }),
    })
    expect(answer.status).toBe(201)
  }

  await signIn(page, staffWithRole(demo, 'back_office_clerk'))
  await page.getByRole('link', { name: 'Journal', exact: true }).click()
  const journal = page.getByRole('table', { name: 'Transfers' })
  await expect(journal.getByRole('row').nth(1)).toBeVisible()
  await page.getByRole('textbox', { name: 'Rows per page' }).click()
  await page.getByRole('option', { name: '200', exact: true }).click()
  // More than 160 transfers, all on one page of up to 200.
  await expect(page.getByText(/^1–1[6-9]\d of 1[6-9]\d$|^1–200 of \d+$/)).toBeVisible()
  const shown = Number(await journal.getAttribute('aria-rowcount')) - 1
  expect(shown).toBeGreaterThan(160)
  const drawn = await journal.locator('tbody tr[data-row-index]').count()
  expect(drawn).toBeGreaterThan(10)
  expect(drawn).toBeLessThan(shown)

  await journal.locator('tbody tr[data-row-index="0"]').focus()
  await page.keyboard.press('End')
  await expect(journal.locator(`tbody tr[data-row-index="${shown - 1}"]`)).toBeFocused()
  await page.keyboard.press('ArrowUp')
  await expect(journal.locator(`tbody tr[data-row-index="${shown - 2}"]`)).toBeFocused()
  await page.keyboard.press('Home')
  await expect(journal.locator('tbody tr[data-row-index="0"]')).toBeFocused()
  await screenshot(page, 'journal-200-rows')

  // Enter opens the focused row: a customer, from the customers list.
  await page.getByRole('link', { name: 'Customers', exact: true }).click()
  const customers = page.getByRole('table', { name: 'Customers' })
  const first = customers.locator('tbody tr[data-row-index="0"]')
  await expect(first).toBeVisible()
  await first.focus()
  await page.keyboard.press('ArrowDown')
  const second = customers.locator('tbody tr[data-row-index="1"]')
  await expect(second).toBeFocused()
  const name = (await second.getByRole('cell').nth(1).textContent()) ?? ''
  expect(name.length).toBeGreaterThan(0)
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(/#\/customers\/\d+$/)
  await expect(page.getByRole('heading', { name })).toBeVisible()
})
