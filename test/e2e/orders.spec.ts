import { expect, test } from '@playwright/test'
import { readDemo, screenshot, signIn, staffWithRole } from './demo'

test('an auditor finds an order by its item and opens it with the transfers it caused, but cannot dispute it', async ({ page }) => {
  // Proves the Orders screen's main task: filters answered by the host, and an order's drawer
  // with its item, merchant, method and ledger transfers; an auditor reads but changes nothing.
  const demo = readDemo()
  await signIn(page, staffWithRole(demo, 'auditor'))
  await page.getByRole('link', { name: 'Orders', exact: true }).click()
  const orders = page.getByRole('table', { name: 'Orders' })
  await expect(orders.getByRole('row').nth(1)).toBeVisible()
  await screenshot(page, 'orders')

  await page.getByRole('textbox', { name: 'Item' }).fill('Frequency Hopper')
  await expect(orders.getByRole('row')).toHaveCount(2)
  const row = orders.getByRole('row').filter({ hasText: 'Frequency Hopper' })
  await expect(row).toContainText('Pixel Arcade')
  await expect(row).toContainText('Hedy Lamarr')
  await expect(row).toContainText('Credit')
  await page.getByRole('textbox', { name: 'Item' }).fill('no such item anywhere')
  await expect(orders).toContainText('No orders match these filters.')
  await page.getByRole('textbox', { name: 'Item' }).fill('Frequency Hopper')

  await row.click()
  const drawer = page.getByRole('dialog', { name: /^Order / })
  await expect(drawer).toContainText('Game: Frequency Hopper, level pack')
  const transfers = drawer.getByRole('table', { name: 'Order transfers' })
  await expect(transfers.getByRole('row').filter({ hasText: 'Credit purchase' })).toContainText('14.99')
  await expect(drawer).toContainText('No disputes on this order.')
  await expect(drawer.getByRole('button', { name: 'Open dispute' })).toHaveCount(0)
  await screenshot(page, 'order-drawer')
})
