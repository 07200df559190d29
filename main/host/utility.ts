/**
 * The host as Electron runs it: a utility process (a plain Node process with Electron's
 * ABI) started by main/electron/main.ts. Arguments come on the command line, and the
 * address is reported to the parent through Electron's parentPort.
 */
import { parseArgs } from 'node:util'
import { startHost } from './host'

interface ParentPort {
  postMessage(message: unknown): void
}

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    'http-port': { type: 'string', default: '0' },
    'iso-port': { type: 'string', default: '0' },
    demo: { type: 'boolean', default: false },
    renderer: { type: 'string' },
  },
})
const parent = (process as NodeJS.Process & { parentPort?: ParentPort }).parentPort

if (!values.db) throw new Error('the host needs --db')
startHost({
  db_path: values.db,
  http_port: Number(values['http-port']),
  iso_port: Number(values['iso-port']),
  demo: values.demo,
  ...(values.renderer ? { renderer_dir: values.renderer } : {}),
})
  .then((host) => parent?.postMessage({ type: 'ready', http_url: host.http_url, demo_file: host.demo_file }))
  .catch((error: unknown) => {
    parent?.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) })
    process.exit(1)
  })
