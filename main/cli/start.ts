/**
 * `npm start`: the desktop app where the Electron binary is installed; otherwise one
 * plain line saying so, and the same console in browser mode on the same database.
 * (`npm start` builds first: see package.json.)
 */
import { spawn } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { startHost } from '../host/host'
import { projectRoot } from '../store/database'
import { fail } from './args'
import { printDemoLogin } from './demo-login'

const browser_mode_port = 4510
/** The ISO 8583 port terminals (ours or another vendor's) connect to, when free. */
const iso_port = 8583
const app_name = 'Centavo'

/** Where Electron keeps this app's data (app.getPath('userData')), computed the same way. */
export function userDataDir(): string {
  const home = os.homedir()
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', app_name)
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), app_name)
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), app_name)
}

function electronBinary(): string | null {
  try {
    // The electron package exports the binary's path, and throws when it was not downloaded.
    const binary: unknown = createRequire(import.meta.url)('electron')
    return typeof binary === 'string' ? binary : null
  } catch {
    return null
  }
}

async function browserMode(): Promise<void> {
  const data_dir = userDataDir()
  mkdirSync(data_dir, { recursive: true })
  const db_path = path.join(data_dir, 'centavo.db')
  const start = (http_port: number, iso: number) => startHost({ db_path, http_port, iso_port: iso, demo: true })
  const host = await start(browser_mode_port, iso_port).catch((error: unknown) => {
    // Another program has one of the usual ports: any free ports will do.
    if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') return start(0, 0)
    throw error
  })
  console.log(`centavo: database ${db_path}`)
  console.log(`centavo: open ${host.http_url}/ in a browser (Ctrl+C stops)`)
  if (host.iso_port !== null) console.log(`centavo: ISO 8583 terminals connect to 127.0.0.1:${host.iso_port}; the emulated ATMs and POS are under Terminals`)
  if (host.demo_file) printDemoLogin(host.demo_file)
  const stop = () => void host.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

function main(): Promise<void> {
  const binary = electronBinary()
  if (binary && process.env.CENTAVO_BROWSER_MODE !== '1') {
    const child = spawn(binary, [projectRoot()], { stdio: 'inherit' })
    child.on('exit', (code) => process.exit(code ?? 0))
    return Promise.resolve()
  }
  console.log('centavo: the Electron binary is not installed here, so the console runs in browser mode instead.')
  return browserMode()
}

main().catch(fail)
