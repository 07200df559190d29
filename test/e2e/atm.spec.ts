/**
 * The emulated ATM end to end: a branch tester opens an ATM of the demo bank, inserts a
 * wallet card, types the PIN, withdraws cash from the real card host over ISO 8583, and sees
 * the notes, the receipt and the 0200/0210 in the side panel.
 */
import { expect, test, type Page } from '@playwright/test'
import { readDemo, signIn, staffWithRole, demoCard, shootLive } from './demo'

async function openAtm(page: Page, terminal_id: string): Promise<void> {
  await page.getByRole('link', { name: 'Terminals', exact: true }).click()
  await page.getByRole('table', { name: 'Emulated terminals' }).getByRole('link', { name: terminal_id }).click()
  await expect(page.getByRole('heading', { name: `ATM ${terminal_id}` })).toBeVisible()
  await expect(page.getByTestId('link-status')).toHaveText('Online')
  await expect(page.getByTestId('screen-title')).toHaveText('Welcome')
}

async function typeOnKeypad(page: Page, digits: string): Promise<void> {
  const keypad = page.getByRole('group', { name: 'Keypad' })
  for (const digit of digits) await keypad.getByRole('button', { name: digit, exact: true }).click()
}

test('a branch tester withdraws cash at an ATM and sees notes, receipt and the 0200/0210', async ({ page }) => {
  // Proves the whole path through the real host: wallet card in, PIN as dots, fast cash,
  // notes in the tray by denomination, a receipt with the card masked, the messages
  // listed field by field with the PAN masked and the PIN block hidden, and the journal.
  const demo = readDemo()
  const card = demoCard(demo, 'approved')
  await signIn(page, staffWithRole(demo, 'branch_tester'))
  await openAtm(page, 'ATM00001')
  await expect(page.getByLabel('ISO 8583 messages', { exact: true })).toContainText('0810')
  await shootLive(page, 'atm-idle')

  await page.getByRole('button', { name: `Insert ${card.label}` }).click()
  await expect(page.getByTestId('screen-title')).toHaveText('Please enter your PIN')
  await typeOnKeypad(page, card.pin)
  await expect(page.getByTestId('screen-entry')).toHaveText('●'.repeat(card.pin.length))
  await shootLive(page, 'atm-pin')
  await page.getByRole('group', { name: 'Keypad' }).getByRole('button', { name: 'Enter' }).click()

  await expect(page.getByTestId('screen-title')).toHaveText('Please select a transaction')
  await shootLive(page, 'atm-menu')
  await page.getByRole('button', { name: /^Withdrawal \(R1\)$/ }).click()
  await expect(page.getByTestId('screen-title')).toHaveText('Withdrawal: choose an amount')
  await shootLive(page, 'atm-fast-cash')
  await page.getByRole('button', { name: 'USD 60.00 (L3)' }).click()

  await expect(page.getByTestId('screen-title')).toHaveText('Please take your card and your cash')
  const tray = page.getByRole('region', { name: 'Cash tray' })
  await expect(tray.getByTestId('cash-note')).toHaveCount(2)
  await expect(tray).toContainText('USD 50.00')
  await expect(tray).toContainText('USD 10.00')
  const receipt = page.getByLabel('Receipt', { exact: true })
  await expect(receipt).toContainText('CASH WITHDRAWAL')
  await expect(receipt).toContainText('USD 60.00')
  await expect(receipt).toContainText(`************${card.pan.slice(-4)}`)
  await expect(receipt).toContainText('APPROVAL CODE')
  await expect(receipt).not.toContainText(card.pan)

  const messages = page.getByLabel('ISO 8583 messages', { exact: true })
  const request = messages.getByLabel('0200 sent')
  const answer = messages.getByLabel('0210 received')
  await expect(request).toBeVisible()
  await expect(answer.getByRole('row', { name: /^39 Response code 00$/ })).toBeVisible()
  await expect(request).toContainText('[PIN block hidden]')
  await expect(request).toContainText('010000')
  await expect(request).toContainText('000000006000')
  await expect(messages).not.toContainText(card.pan)
  await expect(page.getByRole('region', { name: 'Card slot' }).getByTestId('card-state')).toBeVisible()
  await shootLive(page, 'atm-withdrawal')

  await page.getByRole('tab', { name: 'Journal' }).click()
  const journal = page.getByRole('table', { name: 'Electronic journal' })
  await expect(journal.getByRole('row').nth(1)).toContainText('Withdrawal')
  await expect(journal.getByRole('row').nth(1)).toContainText('approved')
  await expect(journal).not.toContainText(card.pan)
  await shootLive(page, 'atm-journal')

  await page.getByRole('button', { name: 'Take card' }).click()
  await expect(page.getByTestId('screen-title')).toHaveText('Welcome')
  await page.getByRole('button', { name: 'Take cash' }).click()
  await page.getByRole('button', { name: 'Take receipt' }).click()
  await expect(tray.getByTestId('cash-note')).toHaveCount(0)
})

test('a declined withdrawal shows what the code means and gives the card back', async ({ page }) => {
  // Proves a 51 from the real host reaches the screen in words, with no cash and the card returned.
  const demo = readDemo()
  const card = demoCard(demo, 'insufficient funds')
  await signIn(page, staffWithRole(demo, 'branch_tester'))
  await openAtm(page, 'ATM00002')
  await page.getByRole('button', { name: `Insert ${card.label}` }).click()
  await typeOnKeypad(page, card.pin)
  await page.keyboard.press('Enter')
  await page.getByRole('button', { name: /^Withdrawal \(R1\)$/ }).click()
  await page.getByRole('button', { name: /^Other amount/ }).click()
  await typeOnKeypad(page, '20')
  await expect(page.getByTestId('screen-entry')).toHaveText('USD 20.00')
  await page.keyboard.press('Enter')
  await expect(page.getByTestId('screen-title')).toHaveText('Transaction declined')
  await expect(page.getByRole('region', { name: 'ATM screen' })).toContainText('Insufficient funds (51).')
  await expect(page.getByRole('region', { name: 'Cash tray' }).getByTestId('cash-note')).toHaveCount(0)
  await shootLive(page, 'atm-declined')
  await page.getByRole('button', { name: 'Take card' }).click()
})

test('supervisor mode shows the cassettes and their counters', async ({ page }) => {
  // Proves a supervisor can see what the machine holds and has paid out, and that the ATM is
  // out of service for customers meanwhile.
  const demo = readDemo()
  await signIn(page, staffWithRole(demo, 'supervisor'))
  await openAtm(page, 'ATM00001')
  await page.getByRole('button', { name: 'Supervisor mode' }).click()
  const panel = page.getByLabel('Supervisor panel')
  await expect(panel.getByRole('table', { name: 'Cassettes' }).getByRole('row')).toHaveCount(5)
  await expect(page.getByTestId('screen-title')).toHaveText('Supervisor mode')
  await expect(page.getByRole('button', { name: /^Insert / }).first()).toBeDisabled()
  await shootLive(page, 'atm-supervisor')
  await panel.getByRole('button', { name: 'Leave supervisor mode' }).click()
  await expect(page.getByTestId('screen-title')).toHaveText('Welcome')
})
