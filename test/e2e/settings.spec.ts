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
