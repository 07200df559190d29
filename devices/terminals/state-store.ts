/**
 * The terminal service's state file: terminal configurations (with their PIN keys, as a
 * terminal's secure memory holds them), STAN counters, cassettes, journals and the card
 * wallet. Written whole, to a temporary file renamed over the old one, so a crash leaves
 * either the old state or the new; mode 0600 because it holds keys and card numbers.
 * Saves are coalesced: however many changes arrive, at most one write runs at a time and
 * at most one more follows it.
 */
import { readFile, rename, writeFile } from 'node:fs/promises'
import { state_file, state_file_version, type StateFile } from './schemas'

/** Changes within this window are written together. */
export const save_delay_ms = 150

export class StateFileInvalid extends Error {
  readonly id = 'terminal_state_file_invalid'
  override readonly name = 'StateFileInvalid'
}

export function emptyState(): StateFile {
  return { version: state_file_version, terminals: [], wallet: [] }
}

/** A missing file is an empty service: the first save creates it. */
export async function readState(file_path: string): Promise<StateFile> {
  let text: string
  try {
    text = await readFile(file_path, 'utf8')
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return emptyState()
    throw error
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new StateFileInvalid(`The terminal state file ${file_path} is not JSON: ${error instanceof Error ? error.message : String(error)}`)
  }
  const parsed = state_file.safeParse(json)
  if (!parsed.success) throw new StateFileInvalid(`The terminal state file ${file_path} is not valid: ${parsed.error.issues[0]?.message ?? 'unknown problem'} at ${parsed.error.issues[0]?.path.join('.') ?? ''}`)
  return parsed.data
}

export class StateSaver {
  private timer: NodeJS.Timeout | null = null
  private writing: Promise<void> | null = null
  private dirty = false

  constructor(
    private readonly file_path: string | null,
    private readonly snapshot: () => StateFile,
    private readonly log: (line: string) => void,
  ) {}

  /** Something changed: write soon. */
  schedule(): void {
    if (this.file_path === null) return
    this.dirty = true
    if (this.timer !== null || this.writing !== null) return
    this.timer = setTimeout(() => {
      this.timer = null
      void this.write()
    }, save_delay_ms)
  }

  /** Writes now whatever is pending, and waits for it. */
  async flush(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer)
      this.timer = null
    }
    if (this.writing !== null) await this.writing
    if (this.dirty) await this.write()
  }

  private async write(): Promise<void> {
    const file_path = this.file_path
    if (file_path === null) return
    this.dirty = false
    const temporary_path = `${file_path}.tmp-${process.pid}`
    const text = `${JSON.stringify(this.snapshot(), null, 2)}\n`
    this.writing = writeFile(temporary_path, text, { mode: 0o600 })
      .then(() => rename(temporary_path, file_path))
      .catch((error: unknown) => this.log(`terminal service: could not save ${file_path}: ${error instanceof Error ? error.message : String(error)}`))
    await this.writing
    this.writing = null
    // Changes that arrived during the write get one more, later write.
    if (this.dirty) this.schedule()
  }
}
