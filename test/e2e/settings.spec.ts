import { expect, test } from '@playwright/test'
import { readDemo, screenshot, signIn, staffWithRole } from './demo'

test('an administrator changes the USD micropayment threshold', async ({ page }) => {
  // Proves the threshold edit saves through the host: the new value shows in the table and
  // is still there after the page is loaded again.
  await signIn(page, staffWithRole(readDemo(), 'administrator'))
  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  await expect(page.getByText('Purchases below the threshold are micropayments')).toBeVisible()

  const usd = page.getByRole('table', { name: 'Micropayment thresholds' }).getByRole('row').filter({ hasText: 'USD' })
  const before = (await usd.getByRole('cell').nth(1).textContent()) ?? ''
  // Any value different from the current one proves a change; these two cannot both be current.
  const next = before.startsWith('7.50') ? '8.00' : '7.50'

  await usd.getByRole('button', { name: 'Edit USD threshold' }).click()
  const dialog = page.getByRole('dialog', { name: /threshold — USD/ })
  const amount = dialog.getByLabel('Threshold')
  await expect(amount).toBeFocused()
  await amount.fill(next)
  await amount.press('Enter')
  await expect(dialog).toBeHidden()
  await expect(usd.getByRole('cell').nth(1)).toHaveText(`${next} USD`)

  await page.reload()
  await expect(usd.getByRole('cell').nth(1)).toHaveText(`${next} USD`)
  await screenshot(page, 'settings')
})

test('a supervisor sees the scheduled jobs and runs settlement now', async ({ page }) => {
  // Proves the jobs the host runs on its own are visible with what they do, and that "Run now"
  // reaches the host and answers (what it did, or that nothing was due).
  await signIn(page, staffWithRole(readDemo(), 'supervisor'))
  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  const jobs = page.getByRole('table', { name: 'Scheduled jobs' })
  for (const name of ['hold expiry', 'settlement', 'billing']) await expect(jobs.getByRole('row').filter({ hasText: name })).toHaveCount(1)
  await jobs.getByRole('button', { name: 'Run settlement now' }).click()
  await expect(page.getByText('Ran settlement')).toBeVisible()
  await expect(jobs.getByRole('row').filter({ hasText: 'settlement' }).getByText('done')).toBeVisible()
  await page.getByRole('region', { name: 'Scheduled jobs' }).scrollIntoViewIfNeeded()
  await screenshot(page, 'settings-jobs')
})

test('a back-office clerk does not see the scheduled jobs', async ({ page }) => {
  await signIn(page, staffWithRole(readDemo(), 'back_office_clerk'))
  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  await expect(page.getByText('Purchases below the threshold are micropayments')).toBeVisible()
  await expect(page.getByRole('table', { name: 'Scheduled jobs' })).toHaveCount(0)
})

test('an administrator sets the bank payout account: a mistyped IBAN is caught before it is sent', async ({ page }) => {
  // Proves the payout account (the debtor of every pain.001 file) is shown, that the form
  // checks the IBAN's check digits as the host does, and that a good one is saved and shown.
  await signIn(page, staffWithRole(readDemo(), 'administrator'))
  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  const card = page.getByRole('region', { name: 'Payout account' })
  await expect(card).toContainText('demo account until one is set')
  await card.getByRole('button', { name: 'Set the payout account' }).click()
  const dialog = page.getByRole('dialog', { name: 'Payout account' })
  await dialog.getByLabel('IBAN').fill('NL20 INGB 0001 2345 68')
  await dialog.getByLabel('BIC').fill('INGBNL2A')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByText('The IBAN check digits do not match')).toBeVisible()
  await dialog.getByLabel('IBAN').fill('nl20ingb0001234567')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog).toBeHidden()
  await expect(card).toContainText('NL20 INGB 0001 2345 67')
  await expect(card).not.toContainText('demo account')
  await card.scrollIntoViewIfNeeded()
  await screenshot(page, 'settings-payout-account')
})
