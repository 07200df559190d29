// Postinstall: give people with internet access a working desktop app, and say plainly,
// without failing the install, what could not be fetched here.
//
// 1. The Electron binary. package.json sets allowScripts.electron=false so that `npm ci`
//    succeeds on machines that cannot reach Electron's download host (electron's own
//    install script would fail and npm would roll back the whole install). Here we run
//    that same script ourselves, bounded in time, and tolerate its failure.
// 2. better-sqlite3 for Electron's ABI. Node's build of a native module does not load in
//    Electron, so a second build lives beside it in native/electron/ and the host picks
//    it through better-sqlite3's `nativeBinding` option (see main/store/native.ts).
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, cpSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

const require = createRequire(import.meta.url)
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..')
const install_timeout_ms = 120_000
const rebuild_timeout_ms = 600_000

function say(line) {
  console.log(`centavo postinstall: ${line}`)
}

function electronBinaryPath() {
  try {
    // electron's index.js throws when the binary is missing.
    return require('electron')
  } catch {
    return null
  }
}

function fetchElectron() {
  if (electronBinaryPath()) return true
  const script = path.join(root, 'node_modules', 'electron', 'install.js')
  if (!existsSync(script)) return false
  const result = spawnSync(process.execPath, [script], {
    cwd: path.dirname(script),
    stdio: 'pipe',
    timeout: install_timeout_ms,
  })
  return result.status === 0 && electronBinaryPath() !== null
}

function buildSqliteForElectron() {
  const target_dir = path.join(root, 'native', 'electron')
  const target = path.join(target_dir, 'better_sqlite3.node')
  const electron_version = JSON.parse(
    readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8'),
  ).version
  const stamp = path.join(target_dir, `electron-${electron_version}`)
  if (existsSync(target) && existsSync(stamp)) return true
  const source = path.join(root, 'node_modules', 'better-sqlite3')
  const work = path.join(root, 'native', 'build-electron')
  cpSync(source, work, { recursive: true })
  const node_gyp = require.resolve('node-gyp/bin/node-gyp.js')
  const result = spawnSync(
    process.execPath,
    [node_gyp, 'rebuild', '--release', `--target=${electron_version}`, '--dist-url=https://electronjs.org/headers'],
    { cwd: work, stdio: 'pipe', timeout: rebuild_timeout_ms },
  )
  if (result.status !== 0) return false
  mkdirSync(target_dir, { recursive: true })
  cpSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), target)
  cpSync(target, stamp)
  return true
}

if (process.env.CENTAVO_SKIP_ELECTRON === '1') {
  say('CENTAVO_SKIP_ELECTRON=1, not fetching the Electron binary; `npm start` will use browser mode.')
} else if (!fetchElectron()) {
  say('the Electron binary could not be downloaded here; `npm start` will serve the console in browser mode.')
} else if (!buildSqliteForElectron()) {
  say('Electron is installed but better-sqlite3 could not be built for it (Electron headers unreachable?); `npm start` will use browser mode.')
} else {
  say('Electron and its better-sqlite3 build are ready.')
}
