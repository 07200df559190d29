import { existsSync } from 'node:fs'
import path from 'node:path'

/**
 * better-sqlite3's compiled module is ABI-specific: Node's build does not load in Electron.
 * Both builds live side by side (the Electron one is made by main/cli/postinstall.mjs), and
 * the host picks the one matching the runtime it finds itself in. Undefined means "the
 * default build in node_modules", which is Node's.
 */
export function sqliteNativeBinding(project_root: string): string | undefined {
  if (!process.versions.electron) return undefined
  const electron_build = path.join(project_root, 'native', 'electron', 'better_sqlite3.node')
  return existsSync(electron_build) ? electron_build : undefined
}
