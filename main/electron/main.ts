import path from 'node:path'
import { existsSync } from 'node:fs'
import { app, BrowserWindow, dialog, session, shell, utilityProcess, type UtilityProcess } from 'electron'
import { hardenedWebPreferences, isAllowedNavigation } from './security'

const host_start_timeout_ms = 30_000

type HostMessage = { type: 'ready'; http_url: string; demo_file: string | null } | { type: 'failed'; message: string }

/** Starts the host in a utility process on the user's database and waits for its URL. */
function startHostProcess(db_path: string): Promise<{ child: UtilityProcess; http_url: string }> {
  const host_entry = path.join(__dirname, 'host.js')
  const renderer_dir = path.join(__dirname, '..', 'renderer')
  const child = utilityProcess.fork(host_entry, ['--db', db_path, '--demo', '--http-port', '0', '--iso-port', '0', '--renderer', renderer_dir], {
    serviceName: 'Centavo host',
    stdio: 'inherit',
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the host did not start within ${host_start_timeout_ms} ms`)), host_start_timeout_ms)
    child.on('message', (message: HostMessage) => {
      clearTimeout(timer)
      if (message.type === 'ready') resolve({ child, http_url: message.http_url })
      else reject(new Error(message.message))
    })
    child.once('exit', (code) => {
      clearTimeout(timer)
      reject(new Error(`the host exited with code ${code}`))
    })
  })
}

async function main(): Promise<void> {
  // Tests and second installs point the app at another data folder.
  if (process.env.CENTAVO_USER_DATA) app.setPath('userData', process.env.CENTAVO_USER_DATA)
  await app.whenReady()
  const db_path = path.join(app.getPath('userData'), 'centavo.db')
  const is_new = !existsSync(db_path)
  let host: { child: UtilityProcess; http_url: string }
  try {
    host = await startHostProcess(db_path)
  } catch (error) {
    dialog.showErrorBox('Centavo could not start', error instanceof Error ? error.message : String(error))
    app.exit(1)
    return
  }
  if (is_new) console.log(`Centavo: new database at ${db_path}, seeded with the demo bank (logins in ${db_path}.demo.json)`)

  // Deny every permission request (camera, notifications, ...): the console needs none.
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))

  const window = new BrowserWindow({
    width: 1360,
    height: 860,
    title: 'Centavo',
    show: false,
    webPreferences: hardenedWebPreferences(path.join(__dirname, '..', 'preload', 'preload.cjs')),
  })
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url, host.http_url)) event.preventDefault()
  })
  window.once('ready-to-show', () => window.show())
  await window.loadURL(host.http_url)

  app.on('window-all-closed', () => {
    host.child.kill()
    app.quit()
  })
}

void main()
