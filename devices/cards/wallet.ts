/**
 * The terminals' card wallet: the test plastics a branch tester can "swipe" on an
 * emulated reader. It lives in memory and in a JSON file whose path the caller gives,
 * next to the emulators' own files, never in the host's database: these are test cards
 * for emulation, not the bank's records. Every card is rebuilt through makePlastic on
 * load, so a hand-edited file cannot smuggle in a track a real stripe could not carry.
 */
import { readFile, rename, writeFile } from 'node:fs/promises'
import { makePlastic, type Plastic, type PlasticInput } from './plastic'
import { panForDisplay } from './pan-mask'

/** A wallet is a tester's handful of cards; the bound keeps a corrupt file from eating memory. */
export const wallet_cards_max = 1_000
const file_version = 1

/** What a list shows: enough to pick a card, never the full number. */
export interface WalletEntry {
  label: string
  pan_masked: string
  name: string
  expiry_yymm: string
  service_code: string
}

export class CardLabelTaken extends Error {
  readonly id = 'card_label_taken'
  override readonly name = 'CardLabelTaken'
  constructor(readonly label: string) {
    super(`The wallet already has a card labelled "${label}".`)
  }
}

export class CardWalletFull extends Error {
  readonly id = 'card_wallet_full'
  override readonly name = 'CardWalletFull'
  constructor() {
    super(`The wallet holds at most ${wallet_cards_max} cards.`)
  }
}

export class CardWalletFileInvalid extends Error {
  readonly id = 'card_wallet_file_invalid'
  override readonly name = 'CardWalletFileInvalid'
  constructor(
    readonly file_path: string,
    reason: string,
  ) {
    super(`The card wallet file ${file_path} cannot be read: ${reason}`)
  }
}

export class CardWallet {
  private readonly cards = new Map<string, Plastic>()

  /** A missing file is an empty wallet: the first save creates it. */
  static async load(file_path: string): Promise<CardWallet> {
    let text: string
    try {
      text = await readFile(file_path, 'utf8')
    } catch (error) {
      if (isErrno(error, 'ENOENT')) return new CardWallet()
      throw error
    }
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch (error) {
      throw new CardWalletFileInvalid(file_path, error instanceof Error ? error.message : String(error))
    }
    const inputs = walletInputs(json)
    if (typeof inputs === 'string') throw new CardWalletFileInvalid(file_path, inputs)
    const wallet = new CardWallet()
    for (const input of inputs) wallet.add(input)
    return wallet
  }

  /** Writes to a temporary file and renames it, so a crash never leaves half a wallet. */
  async save(file_path: string): Promise<void> {
    const cards: PlasticInput[] = [...this.cards.values()].map((card) => ({
      label: card.label,
      pan: card.pan,
      name: card.name,
      expiry_yymm: card.expiry_yymm,
      service_code: card.service_code,
      discretionary: card.discretionary,
    }))
    const temporary_path = `${file_path}.tmp-${process.pid}`
    // Mode 0600: these are test cards, but they are still card numbers.
    await writeFile(temporary_path, `${JSON.stringify({ version: file_version, cards }, null, 2)}\n`, { mode: 0o600 })
    await rename(temporary_path, file_path)
  }

  add(input: PlasticInput): Plastic {
    const plastic = makePlastic(input)
    if (this.cards.has(plastic.label)) throw new CardLabelTaken(plastic.label)
    if (this.cards.size >= wallet_cards_max) throw new CardWalletFull()
    this.cards.set(plastic.label, plastic)
    return plastic
  }

  list(): WalletEntry[] {
    return [...this.cards.values()].map((card) => ({
      label: card.label,
      pan_masked: panForDisplay(card.pan),
      name: card.name,
      expiry_yymm: card.expiry_yymm,
      service_code: card.service_code,
    }))
  }

  get(label: string): Plastic | null {
    return this.cards.get(label) ?? null
  }

  remove(label: string): boolean {
    return this.cards.delete(label)
  }
}

/** The file's cards, or a sentence saying what is wrong with it. */
function walletInputs(json: unknown): PlasticInput[] | string {
  if (!isRecord(json)) return 'it is not a JSON object.'
  if (json.version !== file_version) return `its version is ${String(json.version)}, expected ${file_version}.`
  if (!Array.isArray(json.cards)) return 'it has no "cards" list.'
  if (json.cards.length > wallet_cards_max) return `it lists more than ${wallet_cards_max} cards.`
  const inputs: PlasticInput[] = []
  for (const [index, card] of json.cards.entries()) {
    if (!isRecord(card)) return `card ${index} is not an object.`
    const { label, pan, name, expiry_yymm, service_code, discretionary } = card
    if (
      typeof label !== 'string' ||
      typeof pan !== 'string' ||
      typeof name !== 'string' ||
      typeof expiry_yymm !== 'string' ||
      typeof service_code !== 'string' ||
      (discretionary !== undefined && typeof discretionary !== 'string')
    ) {
      return `card ${index} is missing a text field (label, pan, name, expiry_yymm, service_code).`
    }
    inputs.push({ label, pan, name, expiry_yymm, service_code, discretionary })
  }
  return inputs
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function isErrno(error: unknown, code: string): boolean {
  return error instanceof Error && 'code' in error && error.code === code
}
