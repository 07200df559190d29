/**
 * Starts the reader service the way the host runs it: real readers through node-hid when
 * its native module loads, emulated readers always, pairings from the file beside the
 * database. A machine without libusb or libudev still gets a working service; the screen
 * says why no real reader can appear.
 */
import { HidCardReaderTransport } from './hid-driver'
import { loadNodeHid } from './load-node-hid'
import { emptyPairingFile, readPairingFile } from './pairing'
import { ReaderService, type ReaderServiceOptions } from './reader-service'

export async function startReaderService(options: Omit<ReaderServiceOptions, 'hid'> & Partial<Pick<ReaderServiceOptions, 'hid'>>): Promise<ReaderService> {
  const log = options.log ?? ((line: string) => console.log(line))
  let hid = options.hid
  if (hid === undefined) {
    try {
      hid = { transport: new HidCardReaderTransport(await loadNodeHid(), { log }) }
    } catch (error) {
      hid = { problem: error instanceof Error ? error.message : String(error) }
    }
  }
  const service = new ReaderService({ ...options, hid, log })
  service.start(options.pairing_file === null ? emptyPairingFile() : await readPairingFile(options.pairing_file))
  return service
}
