/**
 * The preload exposes named, typed functions only (never ipcRenderer or process.env).
 * The console talks to the host over HTTP like any browser, so all it needs to know is
 * that it runs on the desktop.
 */
import { contextBridge } from 'electron'

const desktop = {
  platform: process.platform,
  isDesktop: true,
} as const

export type CentavoDesktop = typeof desktop

contextBridge.exposeInMainWorld('centavoDesktop', desktop)
