/**
 * End-to-end tests of the staff console in Debian's Chromium against the real headless host,
 * started on a fresh demo database for every run. The renderer must be built first
 * (`npm run build`); the host serves it from out/renderer.
 */
import { defineConfig } from '@playwright/test'
import { e2e_base_url, e2e_iso_port, e2e_port } from './test/e2e/paths'

export default defineConfig({
  testDir: 'test/e2e',
  workers: 1,
  retries: 0,
  forbidOnly: true,
  reporter: 'list',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: 'test-results/playwright',
  use: {
    baseURL: e2e_base_url,
    headless: true,
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      // The machines have no downloadable Playwright browser; Debian's Chromium is used instead.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
      ],
    },
    trace: 'off',
    screenshot: 'only-on-failure',
  },
  webServer: {
    command: 'node test/e2e/start-host.mjs',
    url: `${e2e_base_url}/api/v1/health`,
    env: { CENTAVO_E2E_PORT: String(e2e_port), CENTAVO_E2E_ISO_PORT: String(e2e_iso_port), ...(process.env.CENTAVO_E2E_DIR ? { CENTAVO_E2E_DIR: process.env.CENTAVO_E2E_DIR } : {}) },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
})
