/**
 * The window's web preferences and navigation rules, kept pure so they are unit-tested
 * without an Electron binary. The renderer is a web page of the host: it gets no Node,
 * runs sandboxed and isolated, and may not navigate away or open windows.
 */
export function hardenedWebPreferences(preload_path: string) {
  return {
    preload: preload_path,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    sandbox: true,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false,
  } as const
}

/** Only pages of the host itself may load in the window. */
export function isAllowedNavigation(target_url: string, host_url: string): boolean {
  try {
    return new URL(target_url).origin === new URL(host_url).origin
  } catch {
    return false
  }
}
