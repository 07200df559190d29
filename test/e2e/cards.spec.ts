import { expect, test, type Page } from '@playwright/test'
import { readDemo, screenshot, signIn, staffWithRole } from './demo'

// The tests share one card: issued and blocked by a clerk, then unblocked when the clerk asks
// and a supervisor approves (maker-checker).
test.describe.configure({ mode: 'serial' })

// A demo customer with no card of her own (the demo issues cards to three others).
const holder = 'Grace Hopper'
let mailer_card = ''

async function openCards(page: Page, name: string) {
  await page.getByRole('link', { name: 'Customers', exact: true }).click()
  await page.getByLabel('Search').fill(name)
  await page.getByRole('table', { name: 'Customers' }).getByRole('row').filter({ hasText: name }).click()
  await expect(page.getByRole('heading', { name })).toBeVisible()
  await page.getByRole('tab', { name: 'Cards' }).click()
  return page.getByRole('table', { name: 'Cards' })
}

test('a clerk issues a card with a PIN mailer, sees the PIN once, and blocks the card', async ({ page }) => {
  // Proves the mailer PIN is shown once in its sealed-envelope box (and cannot be dismissed by
  // Escape), that the card then lists masked with its expiry, limit and three PIN tries, and
  // that blocking it says "blocked by staff" while the clerk is offered no direct Unblock, only
  // a request for one.
  await signIn(page, staffWithRole(readDemo(), 'back_office_clerk'))
  const cards = await openCards(page, holder)
  await expect(cards).toContainText('No cards')

  await page.getByRole('button', { name: 'Issue card' }).click()
  const form = page.getByRole('dialog', { name: 'Issue card' })
  await form.getByLabel('Print a PIN mailer').check()
  await expect(form.getByRole('textbox', { name: 'PIN', exact: true })).toHaveCount(0)
  await form.getByLabel('Daily withdrawal limit').fill('200')
  await form.getByRole('button', { name: 'Issue card' }).click()

  const result = page.getByRole('dialog', { name: 'Card issued' })
  const mailer = result.getByRole('region', { name: 'PIN mailer' })
  await expect(mailer).toContainText('PIN mailer — hand to the customer in a sealed envelope')
  await expect(mailer).toContainText('will not be shown again')
  const pin = (await mailer.getByTestId('pin-mailer-pin').textContent()) ?? ''
  expect(pin).toMatch(/^\d{4}$/)
  mailer_card = (await result.getByTestId('issued-card').textContent()) ?? ''
  expect(mailer_card).toMatch(/^\d{6}\*{6}\d{4}$/)
  await expect(mailer).toContainText(mailer_card)
  // Whether the plastic reached the emulators' card wallet depends on the host; the dialog says which.
  await expect(result).toContainText(/The card is in the terminals' card wallet|No emulated terminals are running/)
  await screenshot(page, 'cards-pin-mailer')

  await page.keyboard.press('Escape')
  await expect(mailer).toBeVisible()
  await result.getByRole('button', { name: 'The mailer is sealed — close' }).click()
  await expect(result).toBeHidden()
  await expect(page.getByTestId('pin-mailer-pin')).toHaveCount(0)

  const row = cards.getByRole('row').filter({ hasText: mailer_card })
  await expect(row).toContainText('active')
  await expect(row).toContainText('200.00 USD')
  await expect(row.getByRole('cell').nth(1)).toHaveText(/^\d{2}\/\d{2}$/)
  await expect(row.getByRole('cell').nth(3)).toHaveText('3')

  await row.getByRole('button', { name: `Block ${mailer_card}` }).click()
  const confirm = page.getByRole('dialog', { name: 'Block card' })
  await confirm.getByRole('button', { name: 'Block' }).click()
  await expect(confirm).toBeHidden()
  await expect(row).toContainText('blocked')
  await expect(row).toContainText('blocked by staff')
  await expect(row.getByRole('button', { name: /^Unblock/ })).toHaveCount(0)
  await expect(row.getByRole('button', { name: `Request unblock of ${mailer_card}` })).toBeVisible()
  await expect(row.getByRole('button', { name: /Report .* lost/ })).toBeVisible()
  await screenshot(page, 'cards-blocked')
})

test('a clerk issues a card with the PIN the customer chose, reports it lost and replaces it', async ({ page }) => {
  // Proves the chosen PIN is typed twice in fields that never show digits, that two different
  // PINs are refused before the host is asked, that no mailer is shown for a chosen PIN, and
  // that a lost card (which the confirmation says cannot be unblocked) is replaced by a new one.
  await signIn(page, staffWithRole(readDemo(), 'back_office_clerk'))
  const cards = await openCards(page, holder)
  await expect(cards.getByRole('row').filter({ hasText: mailer_card })).toBeVisible()

  await page.getByRole('button', { name: 'Issue card' }).click()
  const form = page.getByRole('dialog', { name: 'Issue card' })
  const pin = form.getByRole('textbox', { name: 'PIN', exact: true })
  const again = form.getByLabel('PIN again')
  await expect(pin).toHaveAttribute('type', 'password')
  await expect(again).toHaveAttribute('type', 'password')
  await pin.fill('4711')
  await again.fill('4712')
  await form.getByRole('button', { name: 'Issue card' }).click()
  await expect(form).toContainText('The two PINs differ')
  await screenshot(page, 'cards-issue-form')
  await again.fill('4711')
  await form.getByRole('button', { name: 'Issue card' }).click()

  const result = page.getByRole('dialog', { name: 'Card issued' })
  await expect(result).toContainText('The customer chose the PIN')
  await expect(result.getByRole('region', { name: 'PIN mailer' })).toHaveCount(0)
  const chosen_card = (await result.getByTestId('issued-card').textContent()) ?? ''
  await result.getByRole('button', { name: 'Close' }).click()

  const row = cards.getByRole('row').filter({ hasText: chosen_card })
  await row.getByRole('button', { name: `Report ${chosen_card} lost` }).click()
  const confirm = page.getByRole('dialog', { name: 'Report card lost' })
  await expect(confirm).toContainText('A lost card cannot be unblocked')
  await confirm.getByRole('button', { name: 'Report lost' }).click()
  await expect(confirm).toBeHidden()
  await expect(row).toContainText('reported lost')

  await row.getByRole('button', { name: `Replace ${chosen_card}` }).click()
  const replace = page.getByRole('dialog', { name: `Replace card ${chosen_card}` })
  await replace.getByLabel('Print a PIN mailer').check()
  await replace.getByRole('button', { name: 'Replace card' }).click()
  const replaced = page.getByRole('dialog', { name: 'Replacement card issued' })
  await expect(replaced.getByRole('region', { name: 'PIN mailer' })).toBeVisible()
  const new_card = (await replaced.getByTestId('issued-card').textContent()) ?? ''
  expect(new_card).not.toBe(chosen_card)
  await replaced.getByRole('button', { name: 'The mailer is sealed — close' }).click()
  await expect(row).toContainText('replaced by a new card')
  await expect(cards.getByRole('row').filter({ hasText: new_card })).toContainText('active')
  await screenshot(page, 'cards-list')
})

test('a clerk asks to unblock the card and a supervisor approves it', async ({ page }) => {
  // Proves unblocking needs a second person: the clerk's request leaves the card blocked, the
  // supervisor approves it on the Approvals screen, and the card is active with three PIN tries.
  const demo = readDemo()
  await signIn(page, staffWithRole(demo, 'back_office_clerk'))
  let cards = await openCards(page, holder)
  let row = cards.getByRole('row').filter({ hasText: mailer_card })
  await row.getByRole('button', { name: `Request unblock of ${mailer_card}` }).click()
  const ask = page.getByRole('dialog', { name: 'Request unblock' })
  await ask.getByLabel('Why').fill('the customer showed ID at the desk')
  await ask.getByRole('button', { name: 'Request unblock' }).click()
  await expect(ask).toBeHidden()
  await expect(row).toContainText('blocked by staff')
  await page.getByRole('button', { name: 'Sign out' }).click()

  await signIn(page, staffWithRole(demo, 'supervisor'))
  await page.getByRole('link', { name: 'Approvals', exact: true }).click()
  const request = page.getByRole('table', { name: 'Approval requests' }).getByRole('row').filter({ hasText: 'the customer showed ID at the desk' })
  await expect(request).toContainText(`of ${holder}`)
  await expect(request).not.toContainText(mailer_card.slice(-4))
  await request.getByRole('button', { name: /^Approve/ }).click()
  await page.getByRole('dialog', { name: 'Approve request' }).getByRole('button', { name: 'Approve' }).click()
  await expect(request).toHaveCount(0)

  cards = await openCards(page, holder)
  row = cards.getByRole('row').filter({ hasText: mailer_card })
  await expect(row).not.toContainText('blocked')
  await expect(row).toContainText('active')
  await expect(row.getByRole('cell').nth(3)).toHaveText('3')
  await screenshot(page, 'cards-unblocked')
})

test('a clerk cannot unblock a card directly and an auditor cannot act on cards', async ({ page }) => {
  // Proves the demo's staff-blocked card offers a clerk no direct Unblock (there is none on the
  // host), only a request for one, and that an auditor sees the cards with no actions at all.
  const demo = readDemo()
  await signIn(page, staffWithRole(demo, 'back_office_clerk'))
  let cards = await openCards(page, 'Katherine Johnson')
  const blocked = cards.getByRole('row').filter({ hasText: 'blocked by staff' })
  await expect(blocked).toHaveCount(1)
  await expect(page.getByRole('button', { name: /^Unblock/ })).toHaveCount(0)
  await expect(blocked.getByRole('button', { name: /^Replace/ })).toBeVisible()

  await page.getByRole('button', { name: 'Sign out' }).click()
  await signIn(page, staffWithRole(demo, 'auditor'))
  cards = await openCards(page, 'Katherine Johnson')
  await expect(cards.getByRole('row').filter({ hasText: 'blocked by staff' })).toHaveCount(1)
  await expect(page.getByRole('button', { name: 'Issue card' })).toHaveCount(0)
  await expect(cards.getByRole('button', { name: /^(Block|Unblock|Request|Report|Replace)/ })).toHaveCount(0)
})

test('settings show the check values of the bank card keys', async ({ page }) => {
  // Proves the Card keys card lists CVK and PVK with a hexadecimal KCV each, and the line
  // that says what a KCV is for.
  await signIn(page, staffWithRole(readDemo(), 'administrator'))
  await page.getByRole('link', { name: 'Settings', exact: true }).click()
  const keys = page.getByRole('region', { name: 'Card keys' })
  await expect(keys).toContainText('Key check values let a key custodian confirm a key without revealing it.')
  const table = keys.getByRole('table', { name: 'Card keys' })
  for (const name of ['CVK', 'PVK']) {
    await expect(table.getByRole('row').filter({ hasText: name }).getByRole('cell').nth(1)).toHaveText(/^[0-9A-F]{6}$/)
  }
  await screenshot(page, 'settings-keys')
})
