/**
 * The emulated POS terminal end to end: the merchant types the amount, the customer swipes a
 * wallet card and types the PIN, the real card host approves, and the receipt prints.
 */
import { expect, test, type Page } from '@playwright/test'
import { readDemo, signIn, staffWithRole, demoCard, shootLive } from './demo'

test('a purchase at the POS: amount, swipe, PIN, approval and receipt', async ({ page }) => {
  // Proves the merchant-first flow against the real host, with the 0200/0210 in the side
  // panel and the card masked on the receipt.
  const demo = readDemo()
  const card = demoCard(demo, 'approved')
  await signIn(page, staffWithRole(demo, 'branch_tester'))
  await page.getByRole('link', { name: 'Terminals', exact: true }).click()
  await page.getByRole('table', { name: 'Emulated terminals' }).getByRole('link', { name: 'POS00001' }).click()
  await expect(page.getByRole('heading', { name: 'POS POS00001' })).toBeVisible()
  await expect(page.getByTestId('link-status')).toHaveText('Online')
  const keypad = page.getByRole('group', { name: 'Keypad' })
  const press = async (keys: string) => {
    for (const key of keys) await keypad.getByRole('button', { name: key, exact: true }).click()
  }
  await shootLive(page, 'pos-idle')

  await press('1')
  await press('1250')
  await expect(page.getByTestId('screen-entry')).toHaveText('USD 12.50')
  await keypad.getByRole('button', { name: 'Enter' }).click()
  await expect(page.getByRole('region', { name: 'POS screen' })).toContainText('Insert or swipe card')
  await page.getByRole('button', { name: `Swipe ${card.label}` }).click()
  await press(card.pin)
  await expect(page.getByTestId('screen-entry')).toHaveText('●'.repeat(card.pin.length))
  await shootLive(page, 'pos-pin')
  await keypad.getByRole('button', { name: 'Enter' }).click()

  await expect(page.getByTestId('screen-title')).toHaveText('Approved')
  const receipt = page.getByLabel('Receipt', { exact: true })
  await expect(receipt).toContainText('PURCHASE')
  await expect(receipt).toContainText('USD 12.50')
  await expect(receipt).toContainText(`************${card.pan.slice(-4)}`)
  const messages = page.getByLabel('ISO 8583 messages', { exact: true })
  await expect(messages.getByLabel('0200 sent')).toContainText('000000001250')
  await expect(messages.getByLabel('0210 received').getByRole('row', { name: /^39 Response code 00$/ })).toBeVisible()
  await expect(messages).not.toContainText(card.pan)
  await shootLive(page, 'pos-purchase')

  await keypad.getByRole('button', { name: 'Enter' }).click()
  await expect(page.getByTestId('screen-title')).toHaveText('Select')
})
