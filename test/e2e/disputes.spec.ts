import { expect, test } from '@playwright/test'
import { readDemo, screenshot, signIn, staffWithRole } from './demo'

// A demo order no other spec disputes: Hedy Lamarr's 0.40 micropayment at Daily Gazette.
const item = 'Article: Debugging the Mark II'

test('a clerk opens a dispute from an order, grants a provisional credit and resolves it by reversal', async ({ page }) => {
  // Proves the dispute's main task on screen: the order drawer opens it (reason required),
  // the provisional credit is granted once (its button goes), the Disputes screen lists it
  // open first and resolves it by reversal below the refund threshold; the order then shows
  // the reversal and the dispute as reversed, and the customer's Disputes tab lists it.
  const demo = readDemo()
  await signIn(page, staffWithRole(demo, 'back_office_clerk'))
  await page.getByRole('link', { name: 'Orders', exact: true }).click()
  await page.getByRole('textbox', { name: 'Item' }).fill('Debugging the Mark II')
  const orders = page.getByRole('table', { name: 'Orders' })
  await orders.getByRole('row').filter({ hasText: item }).click()
  const drawer = page.getByRole('dialog', { name: /^Order / })
  await drawer.getByRole('button', { name: 'Open dispute' }).click()

  const form = page.getByRole('dialog', { name: /^Open a dispute on order/ })
  await form.getByRole('button', { name: 'Open dispute' }).click()
  await expect(form.getByText('Say why the customer disputes the charge')).toBeVisible()
  await form.getByLabel("Customer's reason").fill('article never loaded')
  await screenshot(page, 'dispute-open-form')
  await form.getByRole('button', { name: 'Open dispute' }).click()
  await expect(form).toBeHidden()
  await expect(drawer).toContainText('“article never loaded”')
  await expect(drawer.getByRole('button', { name: 'Open dispute' })).toHaveCount(0)

  await drawer.getByRole('button', { name: /^Grant provisional credit on dispute/ }).click()
  const confirm = page.getByRole('dialog', { name: /^Provisional credit/ })
  await expect(confirm).toContainText('Credit 0.40 USD to Hedy Lamarr')
  await confirm.getByRole('button', { name: 'Grant provisional credit' }).click()
  await expect(confirm).toBeHidden()
  await expect(drawer.getByRole('table', { name: 'Order transfers' })).toContainText('Dispute: provisional credit')
  await expect(drawer.getByRole('button', { name: /^Grant provisional credit/ })).toHaveCount(0)
  await screenshot(page, 'order-drawer-disputed')
  await page.keyboard.press('Escape')
  await expect(orders.getByRole('row').filter({ hasText: item })).toContainText('dispute open')

  await page.getByRole('link', { name: 'Disputes', exact: true }).click()
  const disputes = page.getByRole('table', { name: 'Disputes' })
  const row = disputes.getByRole('row').filter({ hasText: 'article never loaded' })
  await expect(row).toContainText('provisional credit granted')
  await expect(row).toContainText('0.40')
  await screenshot(page, 'disputes-open')
  await row.getByRole('button', { name: /^Resolve dispute \d+ by reversal/ }).click()
  const resolve = page.getByRole('dialog', { name: /^Resolve dispute \d+ by reversal/ })
  await expect(resolve).toContainText("Daily Gazette's payable pays it back")
  await resolve.getByLabel('Note (optional)').fill('merchant confirmed the outage')
  await resolve.getByRole('button', { name: 'Resolve by reversal' }).click()
  await expect(resolve).toBeHidden()
  await expect(disputes.getByRole('row').filter({ hasText: 'article never loaded' })).toHaveCount(0)

  await page.locator('label').filter({ hasText: /^Reversed$/ }).click()
  const reversed = disputes.getByRole('row').filter({ hasText: 'article never loaded' })
  await expect(reversed).toContainText('reversed')
  await expect(reversed).toContainText('provisional credit replaced')
  await expect(reversed).toContainText('merchant confirmed the outage')
  await screenshot(page, 'disputes-reversed')

  await page.getByRole('link', { name: 'Customers', exact: true }).click()
  await page.getByLabel('Search').fill('Hedy Lamarr')
  await page.getByRole('table', { name: 'Customers' }).getByRole('row').filter({ hasText: 'Hedy Lamarr' }).click()
  await page.getByRole('tab', { name: 'Disputes' }).click()
  await expect(page.getByRole('table', { name: 'Disputes' }).getByRole('row').filter({ hasText: 'article never loaded' })).toContainText('reversed')
  await screenshot(page, 'customer-disputes')
})

test('a refund above the threshold set on Settings waits for a supervisor, whose approval reverses the charge', async ({ page, browser }) => {
  // Proves maker-checker for refunds on screen: the supervisor lowers the USD refund
  // threshold on Settings; the clerk's reversal then becomes an approval request (nothing
  // moves, the dispute stays open and says so); the supervisor approves it on Approvals and
  // the dispute is reversed.
  const demo = readDemo()
  const supervisor = await browser.newPage()
  await signIn(supervisor, staffWithRole(demo, 'supervisor'))
  await supervisor.getByRole('link', { name: 'Settings', exact: true }).click()
  await supervisor.getByRole('button', { name: 'Edit USD refund threshold' }).click()
  const edit = supervisor.getByRole('dialog', { name: /^Refund approval threshold/ })
  await edit.getByLabel('Refunds above').fill('0.10')
  await edit.getByRole('button', { name: 'Save' }).click()
  await expect(edit).toBeHidden()
  await expect(supervisor.getByRole('table', { name: 'Refund thresholds' }).getByRole('row').filter({ hasText: 'USD' })).toContainText('0.10 USD')
  await screenshot(supervisor, 'settings-refund-threshold')

  await signIn(page, staffWithRole(demo, 'back_office_clerk'))
  await page.getByRole('link', { name: 'Orders', exact: true }).click()
  await page.getByRole('textbox', { name: 'Item' }).fill('Bernoulli Blues')
  await page.getByRole('table', { name: 'Orders' }).getByRole('row').filter({ hasText: 'Bernoulli Blues' }).click()
  const drawer = page.getByRole('dialog', { name: /^Order / })
  await drawer.getByRole('button', { name: 'Open dispute' }).click()
  const form = page.getByRole('dialog', { name: /^Open a dispute on order/ })
  await form.getByLabel("Customer's reason").fill('charged twice for one song')
  await form.getByRole('button', { name: 'Open dispute' }).click()
  await expect(form).toBeHidden()
  await drawer.getByRole('button', { name: /^Resolve dispute \d+ by reversal/ }).click()
  const resolve = page.getByRole('dialog', { name: /^Resolve dispute \d+ by reversal/ })
  await resolve.getByRole('button', { name: 'Resolve by reversal' }).click()
  await expect(resolve).toBeHidden()
  await expect(page.getByText('Refund sent for approval')).toBeVisible()
  await expect(drawer).toContainText(/Refund waits for approval \(request \d+\)/)
  await expect(drawer.getByRole('table', { name: 'Order transfers' })).not.toContainText('Reversal')
  await screenshot(page, 'order-drawer-refund-waiting')

  await supervisor.getByRole('link', { name: 'Approvals', exact: true }).click()
  const request = supervisor.getByRole('table', { name: 'Approval requests' }).getByRole('row').filter({ hasText: 'Refund 0.99 USD to Ada Lovelace' })
  await expect(request).toContainText('Refund (dispute)')
  await screenshot(supervisor, 'approvals-refund')
  await request.getByRole('button', { name: /^Approve/ }).click()
  const confirm = supervisor.getByRole('dialog', { name: 'Approve request' })
  await confirm.getByRole('button', { name: 'Approve' }).click()
  await expect(confirm).toBeHidden()

  await page.keyboard.press('Escape')
  await expect(drawer).toBeHidden()
  await page.getByRole('link', { name: 'Disputes', exact: true }).click()
  await page.locator('label').filter({ hasText: /^Reversed$/ }).click()
  await expect(page.getByRole('table', { name: 'Disputes' }).getByRole('row').filter({ hasText: 'charged twice for one song' })).toContainText('reversed')
})
