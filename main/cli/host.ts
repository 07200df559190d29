/**
 * `npm run host -- --db PATH [--http-port N] [--http-host ADDR] [--demo]`: the headless
 * host, the same code Electron runs in its utility process.
 */
import { parseArgs } from 'node:util'
import { startHost } from '../host/host'
import { fail, portArg } from './args'
import { printDemoLogin } from './demo-login'

const usage = 'usage: npm run host -- --db PATH [--http-port N] [--iso-port N] [--http-host ADDR] [--demo]'

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      db: { type: 'string' },
      'http-port': { type: 'string' },
      'iso-port': { type: 'string' },
      'http-host': { type: 'string' },
      demo: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help || !values.db) {
    console.log(usage)
    process.exit(values.help ? 0 : 2)
  }
  const host = await startHost({
    db_path: values.db,
    http_port: portArg(values['http-port'], 4510),
    ...(values['iso-port'] !== undefined ? { iso_port: portArg(values['iso-port'], 0) } : {}),
    ...(values['http-host'] ? { http_host: values['http-host'] } : {}),
    demo: values.demo,
  })
  console.log(`centavo host: database ${values.db}`)
  console.log(`centavo host: console and APIs at ${host.http_url}  (merchant API: ${host.http_url}/api/v1, OpenAPI: ${host.http_url}/api/v1/openapi.json)`)
  if (host.iso_port !== null) console.log(`centavo host: ISO 8583 terminals connect to 127.0.0.1:${host.iso_port} (see docs/iso8583.md)`)
  if (host.demo_file) printDemoLogin(host.demo_file)
  const stop = () => {
    void host.close().then(() => process.exit(0))
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

main().catch(fail)
