/**
 * Starts the headless host for the end-to-end tests on a brand-new demo database, so every
 * run sees the same seeded bank. Playwright stops it with SIGTERM when the run ends; the
 * signal is passed on so the host closes its database cleanly.
 */
import { spawn } from 'node:child_process'
import { mkdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'

// Must match test/e2e/paths.ts (this file runs as plain Node, without TypeScript).
const db_path = join(process.env.CENTAVO_E2E_DIR ?? join(tmpdir(), 'centavo-e2e'), 'centavo.db')
const port = process.env.CENTAVO_E2E_PORT ?? '4599'
// The card host too, so tests can talk ISO 8583 to it; must match e2e_iso_port in paths.ts.
const iso_port = process.env.CENTAVO_E2E_ISO_PORT ?? '4598'

rmSync(dirname(db_path), { recursive: true, force: true })
mkdirSync(dirname(db_path), { recursive: true })

// `npx tsx` without npx: one process less between the signal and the host, which tsx's CLI
// passes it on to.
const tsx_cli = createRequire(import.meta.url).resolve('tsx/cli')
const host = spawn(process.execPath, [tsx_cli, 'main/cli/host.ts', '--db', db_path, '--demo', '--http-port', port, '--iso-port', iso_port], {
  stdio: 'inherit',
})

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => host.kill(signal))
}
host.on('exit', (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0))
})
