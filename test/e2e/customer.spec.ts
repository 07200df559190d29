import { expect, test, type Page } from '@playwright/test'
import { readDemo, screenshot, signIn, staffWithRole } from './demo'

// The tests share one new customer: created in the first, funded and moved in the second.
test.describe.configure({ mode: 'serial' })

const customer_name = `E2E Customer ${Date.now()}`

function account(page: Page, title: string) {
  return page.getByRole('region', { name: title })
}

test('a clerk creates a customer who starts with three empty accounts', async ({ page }) => {
  // Proves the "New customer" modal creates a customer, announces its payer ID, opens its
  // page with a value, a credit and a cash-access account at zero, and lists it.
  await signIn(page, staffWithRole(readDemo(), 'administrator'))
  await page.getByRole('link', { name: 'Customers', exact: true }).click()
  await page.getByRole('button', { name: 'New customer' }).click()
  const dialog = page.getByRole('dialog', { name: 'New customer' })
  await expect(dialog.getByLabel('Name')).toBeFocused()
  await dialog.getByLabel('Name').fill(customer_name)
  await dialog.getByLabel('Email').fill('e2e@example.test')
  await dialog.getByLabel('Currency').fill('USD')
  await page.getByRole('option', { name: /^USD/ }).click()
  await dialog.getByLabel('Credit limit').fill('100.00')
  await dialog.getByLabel('Top-up increment').fill('10')
  await dialog.getByLabel('Payer password').fill('e2e-payer-password')
  await dialog.getByLabel('Payer password').press('Enter')

  const notice = page.getByText(/has payer ID/)
  await expect(notice).toBeVisible()
  const payer_id = /payer ID (\S+)/.exec((await notice.textContent()) ?? '')?.[1] ?? ''
  expect(payer_id.length).toBeGreaterThan(0)

  await expect(page).toHaveURL(/#\/customers\/\d+$/)
  await expect(page.getByRole('heading', { name: customer_name })).toBeVisible()
  await expect(page.getByTestId('payer-id')).toHaveText(payer_id)
  for (const title of ['Value account', 'Credit account', 'Cash-access account']) {
    await expect(account(page, title)).toBeVisible()
  }
  await expect(account(page, 'Value account').getByTestId('value-balance')).toHaveText('0.00 USD')
  await expect(account(page, 'Credit account').getByTestId('credit-used')).toHaveText('0.00 USD')
  await expect(account(page, 'Credit account').getByTestId('credit-limit')).toHaveText('100.00 USD')
  await expect(account(page, 'Cash-access account').getByTestId('cash_access-balance')).toHaveText('0.00 USD')

  await page.getByRole('link', { name: 'Customers', exact: true }).click()
  await page.getByLabel('Search').fill(payer_id)
  const row = page.getByRole('table', { name: 'Customers' }).getByRole('row').filter({ hasText: payer_id })
  await expect(row).toContainText(customer_name)
  await expect(page.getByRole('table', { name: 'Customers' }).getByRole('row')).toHaveCount(2)
})

test('a clerk funds the value account and moves part of it to cash access', async ({ page }) => {
  // Proves funding 25.00 shows 25.00 on the value account, even when the first answer is lost
  // and the clerk presses Fund again (the retry carries the same idempotency key, so the host
  // funds once); then moving 5.00 leaves 20.00 on the value account and 5.00 on the
  // cash-access account, and both transfers are listed.
  await signIn(page, staffWithRole(readDemo(), 'administrator'))
  await page.getByRole('link', { name: 'Customers', exact: true }).click()
  await page.getByLabel('Search').fill(customer_name)
  await page.getByRole('table', { name: 'Customers' }).getByRole('row').filter({ hasText: customer_name }).click()
  await expect(page.getByRole('heading', { name: customer_name })).toBeVisible()

  await page.getByRole('button', { name: 'Fund value account' }).click()
  const fund = page.getByRole('dialog', { name: 'Fund value account' })
  await expect(fund.getByLabel('Amount')).toBeFocused()
  await fund.getByLabel('Amount').fill('25.00')
  await fund.getByLabel('Memo').fill('e2e funding')
  // The host receives the first request and funds; the browser never sees the answer.
  await page.route(
    '**/console/api/accounts.fund',
    async (route) => {
      await route.fetch()
      await route.abort('connectionreset')
    },
    { times: 1 },
  )
  await fund.getByRole('button', { name: 'Fund' }).click()
  await expect(fund.getByRole('alert')).toContainText('did not answer')
  await screenshot(page, 'fund-not-confirmed')
  await fund.getByRole('button', { name: 'Fund' }).click()
  await expect(fund).toBeHidden()
  await expect(page.getByText(/already done; nothing was added twice/)).toBeVisible()
  await expect(account(page, 'Value account').getByTestId('value-balance')).toHaveText('25.00 USD')

  await page.getByRole('button', { name: 'Move value' }).click()
  const move = page.getByRole('dialog', { name: 'Move value' })
  await expect(move.getByLabel('Amount')).toBeFocused()
  await move.getByLabel('Amount').fill('5')
  await move.getByLabel('Amount').press('Enter')
  await expect(move).toBeHidden()
  await expect(account(page, 'Value account').getByTestId('value-balance')).toHaveText('20.00 USD')
  await expect(account(page, 'Cash-access account').getByTestId('cash_access-balance')).toHaveText('5.00 USD')

  const transfers = page.getByRole('table', { name: 'Transfers' })
  await expect(transfers.getByRole('row').filter({ hasText: 'e2e funding' })).toContainText('25.00 USD')
  // Matching the whole amount cell keeps "25.00 USD" from counting as the move of 5.00.
  const move_rows = transfers.getByRole('row').filter({ has: page.getByRole('cell', { name: '5.00 USD', exact: true }) })
  await expect(move_rows).toHaveCount(1)
  await screenshot(page, 'customer-detail')
})
