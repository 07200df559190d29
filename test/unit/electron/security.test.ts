import { describe, expect, it } from 'vitest'
import { hardenedWebPreferences, isAllowedNavigation } from '../../../main/electron/security'

describe('Electron window hardening', () => {
  it('runs the console isolated, sandboxed and without Node', () => {
    const prefs = hardenedWebPreferences('/app/preload.cjs')
    expect(prefs).toMatchObject({ contextIsolation: true, nodeIntegration: false, sandbox: true, webSecurity: true })
    expect(prefs.preload).toBe('/app/preload.cjs')
  })

  it('lets the window navigate only within the host it was opened on', () => {
    const host = 'http://127.0.0.1:41234'
    expect(isAllowedNavigation('http://127.0.0.1:41234/#/customers', host)).toBe(true)
    expect(isAllowedNavigation('http://127.0.0.1:9999/', host)).toBe(false)
    expect(isAllowedNavigation('https://example.com/', host)).toBe(false)
    expect(isAllowedNavigation('file:///etc/passwd', host)).toBe(false)
    expect(isAllowedNavigation('not a url', host)).toBe(false)
  })
})
