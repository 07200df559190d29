/**
 * The reader service: the card readers a technician pairs to the emulated terminals. It
 * owns one transport for real readers (node-hid) and the emulated readers the technician
 * added, watches them come and go, opens a reader while it is paired or in test mode, and
 * sends each swipe to its terminal or to the test panel (swipe-router.ts). Pairings and
 * the emulated readers persist (pairing.ts); swipes never leave memory.
 *
 *   const readers = await startReaderService({ pairing_file: `${db_path}.readers.json`, terminals, wallet: terminals.wallet })
 *   readers.pair(reader_id, 'ATM00001')
 */
import type { Plastic } from '../cards/plastic'
import { EmulatedCardReader, type BadSwipeKind } from './emulated'
import type { ReaderFormat } from './formats'
import { emulated_readers_max, pairings_max, PairingSaver, type Pairing, type PairingFile } from './pairing'
import type { CardReaderTransport, OpenReader, ReaderInfo, ReaderWatchEvent } from './reader'
import { ReaderActionRefused, ReaderUnknown } from './service-errors'
import { deviceView, problemView, readerName, statusView, udevHelp } from './status-view'
import { routeSwipe, routeSwipeError, type CardSink, type Routed } from './swipe-router'
import type { HidDevicesView, LastSwipeView, ReaderEventBody, ReaderEventView, ReaderProblemView, ReadersView } from './view'

export type { CardSink } from './swipe-router'

/** Long enough for a slow USB hub, short enough that a stuck open is reported while the technician waits. */
export const reader_open_timeout_ms = 5_000
/**
 * An unplug shows first as a failed read and only a listing or two later (about 2 s) as a
 * missing device. A reader still listed this long after its reads failed is a problem; one
 * gone by then was simply unplugged.
 */
export const disconnect_grace_ms_default = 4_000

export interface PlasticSource {
  get(label: string): Plastic | null
}

export interface ReaderServiceOptions {
  /** The JSON pairing file; null keeps pairings in memory (tests, an in-memory host). */
  pairing_file: string | null
  /** The real readers' transport, or why there is none (node-hid did not load). */
  hid: { transport: CardReaderTransport } | { problem: string }
  terminals: CardSink
  wallet: PlasticSource
  log?: (line: string) => void
  now?: () => Date
  /** Emulated readers end a half-finished swipe after this long; tests shorten it. */
  swipe_idle_ms?: number
  /** See disconnect_grace_ms_default; tests shorten it. */
  disconnect_grace_ms?: number
}

interface Emulated {
  reader: EmulatedCardReader
  format: ReaderFormat
  serial_number: string
  stop_watching: () => void
}

export class ReaderService {
  private readonly transport: CardReaderTransport | null
  readonly hid_problem: string | null
  private readonly present = new Map<string, { info: ReaderInfo; transport: CardReaderTransport }>()
  private readonly emulated = new Map<string, Emulated>()
  private readonly pairings = new Map<string, Pairing>()
  private readonly test_mode = new Set<string>()
  private readonly open = new Map<string, { reader: OpenReader; unsubscribe: Array<() => void> }>()
  private readonly opening = new Set<string>()
  private readonly problems = new Map<string, ReaderProblemView>()
  private readonly last_swipes = new Map<string, LastSwipeView>()
  /** Readers whose reads failed, waiting to learn whether they were unplugged. */
  private readonly quiet = new Map<string, ReturnType<typeof setTimeout>>()
  /** Readers opened again once after going quiet, with no swipe or plug since: a second silence is a problem. */
  private readonly reopened_after_quiet = new Set<string>()
  private readonly listeners = new Set<(event: ReaderEventView | null) => void>()
  private readonly saver: PairingSaver
  private readonly log: (line: string) => void
  private readonly now: () => Date
  private stop_hid_watch: (() => void) | null = null
  private event_seq = 0
  /** Bumped by every change, since every change goes through emit(). */
  private version = 0
  private closed = false

  constructor(private readonly options: ReaderServiceOptions) {
    this.transport = 'transport' in options.hid ? options.hid.transport : null
    this.hid_problem = 'problem' in options.hid ? options.hid.problem : null
    this.log = options.log ?? ((line) => console.log(line))
    this.now = options.now ?? (() => new Date())
    this.saver = new PairingSaver(options.pairing_file, this.log)
  }

  /** Restores pairings and emulated readers, and starts watching for readers. */
  start(saved: PairingFile): void {
    for (const pairing of saved.pairings) this.pairings.set(pairing.reader_id, pairing)
    for (const record of saved.emulated) this.startEmulated(record.format, record.serial_number)
    if (this.hid_problem !== null) this.log(`card readers: ${this.hid_problem}`)
    if (this.transport !== null) {
      const transport = this.transport
      this.stop_hid_watch = transport.watch((event) => this.onWatch(event, transport))
    }
  }

  /** Every HID device the host sees (a card reader or not), the emulated readers, and the udev help. */
  async hidDevices(): Promise<HidDevicesView> {
    let hid_problem = this.hid_problem
    let real: ReaderInfo[] = []
    if (this.transport !== null) {
      try {
        real = await this.transport.list()
      } catch (error) {
        hid_problem = `Listing USB devices failed: ${error instanceof Error ? error.message : String(error)}`
      }
    }
    // An emulated reader calls itself by its format's code name; the table shows the name a technician knows it by.
    const emulated = [...this.emulated.values()].flatMap(({ reader, format }) => (this.present.has(reader.info.id) ? [{ ...reader.info, product: readerName(reader.info, format) }] : []))
    return {
      hid_problem,
      platform: process.platform,
      devices: [...real.map((info) => deviceView(info, false)), ...emulated.map((info) => deviceView(info, true))],
      udev: udevHelp(),
    }
  }

  /** The readers a technician can pair: known readers plugged in, emulated readers, and paired ones wherever they are. */
  readers(): ReadersView {
    const ids = new Set<string>([...this.emulated.keys(), ...this.pairings.keys()])
    for (const [id, { info }] of this.present) if (info.known !== null) ids.add(id)
    const readers = [...ids].map((reader_id) => {
      const info = this.present.get(reader_id)?.info ?? this.emulated.get(reader_id)?.reader.info ?? null
      return statusView({
        reader_id,
        info,
        plugged: this.present.has(reader_id),
        emulated: this.emulated.get(reader_id)?.format ?? null,
        pairing: this.pairings.get(reader_id) ?? null,
        open: this.open.has(reader_id),
        opening: this.opening.has(reader_id),
        quiet: this.quiet.has(reader_id),
        problem: this.problems.get(reader_id) ?? null,
        test_mode: this.test_mode.has(reader_id),
        last_swipe: this.last_swipes.get(reader_id) ?? null,
      })
    })
    readers.sort((a, b) => a.name.localeCompare(b.name) || a.reader_id.localeCompare(b.reader_id))
    return { version: this.version, hid_problem: this.hid_problem, readers }
  }

  pair(reader_id: string, terminal_id: string): void {
    // An emulated reader can be paired while unplugged, like a real one already paired.
    const info = this.present.get(reader_id)?.info ?? this.emulated.get(reader_id)?.reader.info ?? null
    const pairing = this.pairings.get(reader_id)
    if (info === null && pairing === undefined) throw new ReaderUnknown(reader_id)
    if (info !== null && (info.known?.format ?? null) === null && !this.emulated.has(reader_id)) {
      throw new ReaderActionRefused(info.known?.unsupported_reason ?? 'Centavo cannot read this device, so it cannot be paired.')
    }
    if (!this.options.terminals.hasTerminal(terminal_id)) throw new ReaderActionRefused(`There is no emulated terminal ${terminal_id}.`)
    if (pairing === undefined && this.pairings.size >= pairings_max) throw new ReaderActionRefused(`At most ${pairings_max} readers can be paired.`)
    const emulated = this.emulated.get(reader_id)?.format ?? null
    this.pairings.set(reader_id, {
      reader_id,
      terminal_id,
      paired_by: info === null ? (pairing?.paired_by ?? 'path') : info.serial_number !== null ? 'serial' : 'path',
      paired_at: this.now().toISOString(),
      name: info === null ? (pairing?.name ?? reader_id) : readerName(info, emulated),
    })
    this.save()
    this.log(`card reader ${reader_id}: paired to ${terminal_id}`)
    this.problems.delete(reader_id)
    this.emit(reader_id, { type: 'paired', terminal_id })
    this.reconcile(reader_id)
  }

  unpair(reader_id: string): void {
    if (!this.pairings.delete(reader_id)) throw new ReaderActionRefused(`The card reader ${reader_id} is not paired.`)
    this.save()
    this.log(`card reader ${reader_id}: unpaired`)
    this.emit(reader_id, { type: 'unpaired' })
    this.reconcile(reader_id)
  }

  /** In test mode a reader's swipes go to the screen, not to its terminal. */
  setTestMode(reader_id: string, on: boolean): void {
    if (!this.present.has(reader_id) && !this.pairings.has(reader_id) && !this.emulated.has(reader_id)) throw new ReaderUnknown(reader_id)
    if (on) this.test_mode.add(reader_id)
    else this.test_mode.delete(reader_id)
    if (on) this.problems.delete(reader_id)
    this.emit(reader_id, { type: 'test_mode', on })
    this.reconcile(reader_id)
  }

  /** Forgets why a reader failed to open and tries again (after fixing a udev rule, say). */
  retry(reader_id: string): void {
    if (!this.present.has(reader_id)) throw new ReaderActionRefused(`The card reader ${reader_id} is not plugged in.`)
    this.problems.delete(reader_id)
    this.reconcile(reader_id)
    this.emit(reader_id, null)
  }

  addEmulated(format: ReaderFormat): string {
    if (this.emulated.size >= emulated_readers_max) throw new ReaderActionRefused(`At most ${emulated_readers_max} emulated readers can be added.`)
    const taken = new Set([...this.emulated.values()].map((e) => e.serial_number))
    // Bounded by emulated_readers_max + 1 candidates: one of them is always free.
    let number = 1
    while (taken.has(emulatedSerial(number)) && number <= emulated_readers_max) number += 1
    const reader_id = this.startEmulated(format, emulatedSerial(number))
    this.save()
    this.emit(reader_id, { type: 'added' })
    return reader_id
  }

  removeEmulated(reader_id: string): void {
    const emulated = this.emulatedReader(reader_id)
    emulated.stop_watching()
    this.emulated.delete(reader_id)
    this.pairings.delete(reader_id)
    this.test_mode.delete(reader_id)
    this.present.delete(reader_id)
    this.problems.delete(reader_id)
    this.last_swipes.delete(reader_id)
    this.endQuiet(reader_id)
    this.reopened_after_quiet.delete(reader_id)
    void this.closeReader(reader_id)
    this.save()
    this.emit(reader_id, { type: 'removed' })
  }

  /** Swipes a wallet card on an emulated reader; refused when the reader is not open to hear it, as a real reader would drop it. */
  emulatedSwipe(reader_id: string, label: string, bad?: BadSwipeKind): void {
    const emulated = this.emulatedReader(reader_id)
    const plastic = this.options.wallet.get(label)
    if (plastic === null) throw new ReaderActionRefused(`The wallet has no card labelled "${label}".`)
    const heard = bad === undefined ? emulated.reader.swipe(plastic) : emulated.reader.swipeBad(bad, plastic)
    if (!heard) throw new ReaderActionRefused('Nothing is listening to this reader: plug it in, then pair it to a terminal or turn on test mode.')
  }

  setPlugged(reader_id: string, plugged: boolean): void {
    const emulated = this.emulatedReader(reader_id)
    if (plugged) emulated.reader.plug()
    else emulated.reader.unplug()
  }

  /** Calls `listener` with every event, and with null when only a status changed. Returns the unsubscribe. */
  subscribe(listener: (event: ReaderEventView | null) => void): () => void {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.stop_hid_watch?.()
    for (const timer of this.quiet.values()) clearTimeout(timer)
    this.quiet.clear()
    for (const emulated of this.emulated.values()) emulated.stop_watching()
    await Promise.all([...this.open.keys()].map((reader_id) => this.closeReader(reader_id)))
    await this.saver.flush()
  }

  private startEmulated(format: ReaderFormat, serial_number: string): string {
    const reader = new EmulatedCardReader({ format, serial_number, ...(this.options.swipe_idle_ms !== undefined ? { swipe_idle_ms: this.options.swipe_idle_ms } : {}) })
    const stop_watching = reader.watch((event) => this.onWatch(event, reader))
    this.emulated.set(reader.info.id, { reader, format, serial_number, stop_watching })
    return reader.info.id
  }

  private emulatedReader(reader_id: string): Emulated {
    const emulated = this.emulated.get(reader_id)
    if (emulated === undefined) throw new ReaderUnknown(reader_id)
    return emulated
  }

  private onWatch(event: ReaderWatchEvent, transport: CardReaderTransport): void {
    if (this.closed) return
    const reader_id = event.reader.id
    // A plug or unplug starts the reader's story afresh: an old open failure or silence no longer applies.
    this.problems.delete(reader_id)
    this.endQuiet(reader_id)
    this.reopened_after_quiet.delete(reader_id)
    if (event.type === 'add') {
      this.present.set(reader_id, { info: event.reader, transport })
      this.emit(reader_id, { type: 'plugged' })
    } else {
      this.present.delete(reader_id)
      this.emit(reader_id, { type: 'unplugged' })
    }
    this.reconcile(reader_id)
  }

  /** Opens a reader that should be read (plugged in, and paired or in test mode) and closes one that should not. */
  private reconcile(reader_id: string): void {
    if (this.wanted(reader_id)) {
      // A quiet reader waits for its unplug (or its grace to end) rather than being opened again blindly.
      if (!this.open.has(reader_id) && !this.opening.has(reader_id) && !this.problems.has(reader_id) && !this.quiet.has(reader_id)) void this.openReader(reader_id)
    } else if (this.open.has(reader_id)) {
      void this.closeReader(reader_id)
    }
  }

  private wanted(reader_id: string): boolean {
    return !this.closed && this.present.has(reader_id) && (this.pairings.has(reader_id) || this.test_mode.has(reader_id))
  }

  private async openReader(reader_id: string): Promise<void> {
    const present = this.present.get(reader_id)
    if (present === undefined) return
    this.opening.add(reader_id)
    this.emit(reader_id, null)
    let reader: OpenReader
    try {
      reader = await present.transport.open(reader_id, { timeout_ms: reader_open_timeout_ms })
    } catch (error) {
      this.opening.delete(reader_id)
      const problem = problemView(error)
      this.problems.set(reader_id, problem)
      this.log(`card reader ${reader_id}: could not open it: ${problem.message}`)
      this.emit(reader_id, { type: 'open_failed', problem })
      return
    }
    this.opening.delete(reader_id)
    // The open listed the devices again, so its info has the reader's current path.
    this.present.set(reader_id, { info: reader.info, transport: present.transport })
    // Unpaired, unplugged or shut down while it was opening: nobody wants it any more.
    if (!this.wanted(reader_id)) {
      await reader.close()
      this.emit(reader_id, null)
      return
    }
    const unsubscribe = [
      reader.on('swipe', (swipe) => this.settle(reader_id, routeSwipe(swipe, this.route(reader_id), this.options.terminals))),
      reader.on('swipe_error', (error) => this.settle(reader_id, routeSwipeError(error, this.route(reader_id)))),
      reader.on('disconnect', (event) => {
        this.dropOpen(reader_id)
        this.log(`card reader ${reader_id}: reads stopped: ${event.cause}`)
        this.endQuiet(reader_id)
        this.quiet.set(
          reader_id,
          setTimeout(() => this.stillQuiet(reader_id, event.cause), this.options.disconnect_grace_ms ?? disconnect_grace_ms_default),
        )
        this.emit(reader_id, null)
      }),
    ]
    this.open.set(reader_id, { reader, unsubscribe })
    this.log(`card reader ${reader_id}: open`)
    this.emit(reader_id, { type: 'opened' })
  }

  /**
   * The grace after a failed read is over and the reader is still listed. Replugged quickly
   * (even into another port) it never left the listing, so it is opened again, once; silent
   * a second time with no swipe in between, it is a problem for the technician.
   */
  private stillQuiet(reader_id: string, cause: string): void {
    this.quiet.delete(reader_id)
    if (this.closed || !this.present.has(reader_id) || this.open.has(reader_id)) return
    if (!this.reopened_after_quiet.has(reader_id)) {
      this.reopened_after_quiet.add(reader_id)
      this.reconcile(reader_id)
      this.emit(reader_id, null)
      return
    }
    const problem: ReaderProblemView = { id: 'disconnected', message: `The reader stopped answering (${cause}). Unplug it and plug it back in.`, udev_rule: null }
    this.problems.set(reader_id, problem)
    this.log(`card reader ${reader_id}: still listed but not answering`)
    this.emit(reader_id, { type: 'disconnected', problem })
  }

  private endQuiet(reader_id: string): void {
    const timer = this.quiet.get(reader_id)
    if (timer === undefined) return
    clearTimeout(timer)
    this.quiet.delete(reader_id)
  }

  private route(reader_id: string): { test_mode: boolean; pairing: Pairing | null; at: string } {
    return { test_mode: this.test_mode.has(reader_id), pairing: this.pairings.get(reader_id) ?? null, at: this.now().toISOString() }
  }

  private settle(reader_id: string, routed: Routed): void {
    // Any swipe, good or bad, shows the reader answers.
    this.reopened_after_quiet.delete(reader_id)
    this.last_swipes.set(reader_id, routed.last_swipe)
    this.log(`card reader ${reader_id}: ${routed.log_line}`)
    this.emit(reader_id, routed.event)
  }

  private dropOpen(reader_id: string): OpenReader | null {
    const open = this.open.get(reader_id)
    if (open === undefined) return null
    this.open.delete(reader_id)
    for (const unsubscribe of open.unsubscribe) unsubscribe()
    return open.reader
  }

  private async closeReader(reader_id: string): Promise<void> {
    const reader = this.dropOpen(reader_id)
    if (reader === null) return
    try {
      await reader.close()
    } catch (error) {
      this.log(`card reader ${reader_id}: closing it failed: ${error instanceof Error ? error.message : String(error)}`)
    }
    this.emit(reader_id, null)
  }

  private save(): void {
    void this.saver.save({
      version: 1,
      pairings: [...this.pairings.values()],
      emulated: [...this.emulated.values()].map(({ format, serial_number }) => ({ format, serial_number })),
    })
  }

  private emit(reader_id: string, body: ReaderEventBody | null): void {
    this.version += 1
    const event: ReaderEventView | null = body === null ? null : { ...body, seq: ++this.event_seq, at: this.now().toISOString(), reader_id }
    for (const listener of [...this.listeners]) listener(event)
  }

  /** Waits for the pairing file's queued writes (tests, shutdown). */
  flush(): Promise<void> {
    return this.saver.flush()
  }
}

function emulatedSerial(number: number): string {
  return `EMU-${String(number).padStart(4, '0')}`
}
