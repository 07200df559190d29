/**
 * Which reader feeds which terminal, and the emulated readers a technician added, kept in
 * one small JSON file beside the database (`<db>.readers.json`). A pairing is keyed by the
 * reader's id (hid-reader-info.ts): vendor, product and serial number when the reader has
 * a serial, so it follows the reader to any USB port; the OS path otherwise, so it holds
 * only while the reader stays in that port. The file never holds card data: swipes live
 * in memory only.
 *
 * Written whole to a temporary file renamed over the old one (a crash leaves the old file
 * or the new), mode 0600 like every other file next to the database; writes run one at a
 * time in the order they were asked for.
 */
import { readFile, rename, writeFile } from 'node:fs/promises'
import { z } from 'zod'
import type { ReaderFormat } from './formats'

/** A technician's bench, not a fleet: the bounds keep a corrupt file from eating memory. */
export const pairings_max = 64
export const emulated_readers_max = 8
const file_version = 1

export interface Pairing {
  reader_id: string
  terminal_id: string
  paired_by: 'serial' | 'path'
  paired_at: string
  /** What the reader was called when paired, to name it while it is unplugged. */
  name: string
}

export interface EmulatedReaderRecord {
  format: ReaderFormat
  serial_number: string
}

export interface PairingFile {
  version: number
  pairings: Pairing[]
  emulated: EmulatedReaderRecord[]
}

const pairing_file = z
  .object({
    version: z.literal(file_version),
    pairings: z
      .array(
        z
          .object({
            reader_id: z.string().min(1).max(300),
            terminal_id: z.string().regex(/^[A-Z0-9]{8}$/),
            paired_by: z.enum(['serial', 'path']),
            paired_at: z.string().max(40),
            name: z.string().max(200),
          })
          .strict(),
      )
      .max(pairings_max),
    emulated: z
      .array(z.object({ format: z.enum(['magtek_hid', 'idtech', 'keyboard']), serial_number: z.string().regex(/^EMU-\d{4}$/) }).strict())
      .max(emulated_readers_max),
  })
  .strict()

export class PairingFileInvalid extends Error {
  readonly id = 'reader_pairing_file_invalid'
  override readonly name = 'PairingFileInvalid'
}

export function emptyPairingFile(): PairingFile {
  return { version: file_version, pairings: [], emulated: [] }
}

/** A missing file is no pairings yet: the first save creates it. */
export async function readPairingFile(file_path: string): Promise<PairingFile> {
  let text: string
  try {
    text = await readFile(file_path, 'utf8')
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return emptyPairingFile()
    throw error
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new PairingFileInvalid(`The card-reader pairing file ${file_path} is not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  const parsed = pairing_file.safeParse(json)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new PairingFileInvalid(`The card-reader pairing file ${file_path} is not valid: ${issue?.message ?? 'unknown problem'} at ${issue?.path.join('.') ?? ''}`)
  }
  return parsed.data
}

export class PairingSaver {
  private tail: Promise<void> = Promise.resolve()

  constructor(
    private readonly file_path: string | null,
    private readonly log: (line: string) => void,
  ) {}

  /** Queues a write of `state`; the returned promise settles when it is on disk (or logged as failed). */
  save(state: PairingFile): Promise<void> {
    const file_path = this.file_path
    if (file_path === null) return this.tail
    const text = `${JSON.stringify(state, null, 2)}\n`
    this.tail = this.tail.then(async () => {
      const temporary_path = `${file_path}.tmp-${process.pid}`
      try {
        await writeFile(temporary_path, text, { mode: 0o600 })
        await rename(temporary_path, file_path)
      } catch (error) {
        // The pairing still holds in memory; the technician learns from the log that it will not survive a restart.
        this.log(`card readers: could not save ${file_path}: ${error instanceof Error ? error.message : String(error)}`)
      }
    })
    return this.tail
  }

  /** Waits for every queued write. */
  flush(): Promise<void> {
    return this.tail
  }
}
