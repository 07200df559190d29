import { cpSync } from 'node:fs'
import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

/** The host reads its numbered SQL migrations from disk, so they travel with the bundle. */
function copyMigrations() {
  return {
    name: 'centavo-copy-migrations',
    closeBundle() {
      cpSync(resolve(__dirname, 'main/store/migrations'), resolve(__dirname, 'out/main/migrations'), { recursive: true })
    },
  }
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          // Electron's main process: windows and menus, no business logic.
          electron: resolve(__dirname, 'main/electron/main.ts'),
          // The host, run by Electron as a utility process: the same code as `npm run host`.
          host: resolve(__dirname, 'main/host/utility.ts'),
        },
      },
    },
    plugins: [copyMigrations()],
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: {
        input: { preload: resolve(__dirname, 'main/electron/preload.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: resolve(__dirname, 'renderer/index.html') },
    },
    plugins: [react()],
  },
})
