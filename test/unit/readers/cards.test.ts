import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { luhnCheckDigit, luhnValid } from '../../../devices/cards/luhn'
import { panForDisplay, substitutePan } from '../../../devices/cards/pan-mask'
import { makePlastic, PlasticInvalid, type PlasticInput } from '../../../devices/cards/plastic'
import { CardLabelTaken, CardWallet, CardWalletFileInvalid } from '../../../devices/cards/wallet'
import { panArbitrary, visa } from './arbitraries'

const dirs: string[] = []
function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'centavo-cards-'))
  dirs.push(dir)
  return dir
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const input: PlasticInput = { label: 'Visa', pan: '4111111111111111', name: 'Doe/Jane', expiry_yymm: '2812', service_code: '101' }

describe('Luhn', () => {
  it('accepts the public test card numbers and rejects them with any single digit changed', () => {
    for (const pan of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117']) {
      expect(luhnValid(pan)).toBe(true)
      const changed = `${pan.slice(0, 5)}${(Number(pan[5]) + 1) % 10}${pan.slice(6)}`
      expect(luhnValid(changed)).toBe(false)
    }
    expect(luhnValid('4111 1111 1111 1111')).toBe(false)
    expect(luhnValid('')).toBe(false)
  })

  it('computes the check digit that makes any payload valid', () => {
    fc.assert(fc.property(fc.stringMatching(/^\d{1,18}$/), (payload) => luhnValid(`${payload}${luhnCheckDigit(payload)}`)))
  })
})

describe('PAN masking helpers', () => {
  it('shows only the last four digits for display', () => {
    expect(panForDisplay('4111111111111111')).toBe('•••• 1111')
  })

  it('substitutes a Luhn-valid number of the same length with the same last four, idempotently', () => {
    fc.assert(
      fc.property(panArbitrary, (pan) => {
        const substitute = substitutePan(pan)
        expect(substitute).toHaveLength(pan.length)
        expect(substitute.slice(-4)).toBe(pan.slice(-4))
        expect(substitute.startsWith('9')).toBe(true)
        expect(luhnValid(substitute)).toBe(true)
        expect(substitutePan(substitute)).toBe(substitute)
      }),
    )
  })
})

describe('makePlastic', () => {
  it('builds ISO 7813 tracks 1 and 2 with sentinels, upper-casing the name', () => {
    const plastic = makePlastic({ ...input, discretionary: '123' })
    expect(plastic.name).toBe('DOE/JANE')
    expect(plastic.track1).toBe('%B4111111111111111^DOE/JANE^2812101123?')
    expect(plastic.track2).toBe(';4111111111111111=2812101123?')
    expect(visa.discretionary).toBe('0000012340000')
  })

  it.each([
    ['label', { label: '  ' }],
    ['pan', { pan: '41111111111' }],
    ['pan', { pan: '4111111111111112' }],
    ['name', { name: 'X' }],
    ['name', { name: 'DOE^JANE' }],
    ['name', { name: 'A'.repeat(27) }],
    ['expiry_yymm', { expiry_yymm: '2813' }],
    ['expiry_yymm', { expiry_yymm: '281' }],
    ['service_code', { service_code: '10' }],
    ['discretionary', { discretionary: '12a' }],
    ['discretionary', { discretionary: '1'.repeat(15) }],
  ] as const)('refuses a card whose %s could not be on a stripe', (field, change) => {
    const attempt = (): unknown => makePlastic({ ...input, ...change })
    expect(attempt).toThrow(PlasticInvalid)
    try {
      attempt()
    } catch (error) {
      expect(error).toBeInstanceOf(PlasticInvalid)
      if (error instanceof PlasticInvalid) expect(error.field).toBe(field)
    }
  })
})

describe('CardWallet', () => {
  it('adds, lists with masked numbers, gets by label, removes, and refuses a duplicate label', () => {
    const wallet = new CardWallet()
    wallet.add(input)
    wallet.add({ ...input, label: 'Mastercard', pan: '5555555555554444' })
    expect(() => wallet.add(input)).toThrow(CardLabelTaken)
    expect(wallet.list()).toEqual([
      { label: 'Visa', pan_masked: '•••• 1111', name: 'DOE/JANE', expiry_yymm: '2812', service_code: '101' },
      { label: 'Mastercard', pan_masked: '•••• 4444', name: 'DOE/JANE', expiry_yymm: '2812', service_code: '101' },
    ])
    expect(JSON.stringify(wallet.list())).not.toContain('4111111111111111')
    expect(wallet.get('Visa')?.track2).toBe(';4111111111111111=2812101?')
    expect(wallet.get('Amex')).toBeNull()
    expect(wallet.remove('Visa')).toBe(true)
    expect(wallet.remove('Visa')).toBe(false)
    expect(wallet.list().map((entry) => entry.label)).toEqual(['Mastercard'])
  })

  it('saves to the file the caller names (mode 0600) and loads the same cards back; a missing file is an empty wallet', async () => {
    const file = path.join(tempDir(), 'wallet.json')
    expect((await CardWallet.load(file)).list()).toEqual([])
    const wallet = new CardWallet()
    wallet.add({ ...input, discretionary: '999' })
    await wallet.save(file)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    const loaded = await CardWallet.load(file)
    expect(loaded.get('Visa')).toEqual(wallet.get('Visa'))
  })

  it('refuses a file that is not a wallet, or that holds a card no stripe could carry', async () => {
    const file = path.join(tempDir(), 'wallet.json')
    writeFileSync(file, 'not json')
    await expect(CardWallet.load(file)).rejects.toThrow(CardWalletFileInvalid)
    writeFileSync(file, JSON.stringify({ version: 1, cards: [{ label: 'x' }] }))
    await expect(CardWallet.load(file)).rejects.toThrow(CardWalletFileInvalid)
    writeFileSync(file, JSON.stringify({ version: 1, cards: [{ ...input, pan: '4111111111111112' }] }))
    await expect(CardWallet.load(file)).rejects.toThrow(PlasticInvalid)
  })
})
