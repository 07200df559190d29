/**
 * For technicians: list HID devices, or record a reader's reports to a masked transcript.
 *
 *   npx tsx devices/readers/record-cli.ts list
 *   npx tsx devices/readers/record-cli.ts record <reader-id> <out.json> [swipes] [seconds]
 *
 * Send the transcript with a bug report; tests replay it through the same driver.
 */
import { HidCardReaderTransport } from './hid-driver'
import { loadNodeHid } from './load-node-hid'
import { recordSession } from './record-session'
import { hex4 } from './hid-reader-info'

async function main(argv: string[]): Promise<number> {
  const [command, reader_id, out_path, swipes = '5', seconds = '120'] = argv
  const hid = await loadNodeHid()
  if (command === 'list') {
    for (const reader of await new HidCardReaderTransport(hid).list()) {
      const known = reader.known ? `${reader.known.vendor} ${reader.known.model}` : 'not a known card reader'
      console.log(`${reader.id}  ${hex4(reader.vendor_id)}:${hex4(reader.product_id)}  ${reader.product}  (${known})`)
    }
    return 0
  }
  if (command === 'record' && reader_id && out_path) {
    const stop_requested = new Promise<void>((resolve) => process.once('SIGINT', () => resolve()))
    await recordSession({
      hid,
      reader_id,
      out_path,
      swipes: Number(swipes),
      duration_ms: Number(seconds) * 1_000,
      print: (line) => console.log(line),
      stop_requested,
    })
    return 0
  }
  console.error('usage: record-cli.ts list | record <reader-id> <out.json> [swipes] [seconds]')
  return 2
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error))
    process.exit(1)
  },
)
