// Completes package-lock.json with the optional native packages that rollup names for
// platforms other than this one.
//
// Why: npm 11's `npm ci` requires a lock entry for every package in a dependency's
// optional map, but the registry mirror on our build machines serves only the Linux
// x64/arm64 builds of @rollup/rollup-*, so `npm install` here cannot record the others
// and `npm ci` then refuses the lock as out of sync. Each added entry carries the
// package's os/cpu/libc (rollup encodes them in the name), so npm skips it on machines
// it does not fit and fetches it by name and version on machines it does.
//
// Run after any `npm install` that rewrites the lock: `node main/cli/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs'

const lock_path = new URL('../../package-lock.json', import.meta.url)
const lock = JSON.parse(readFileSync(lock_path, 'utf8'))

const cpus = { arm: 'arm', arm64: 'arm64', x64: 'x64', ia32: 'ia32', loong64: 'loong64', ppc64: 'ppc64', riscv64: 'riscv64', s390x: 's390x' }

/** "linux-arm64-musl" → { os: ["linux"], cpu: ["arm64"], libc: ["musl"] } */
function platformOf(suffix) {
  const [os, cpu_part, abi] = suffix.split('-')
  const cpu = cpus[cpu_part]
  if (!cpu) throw new Error(`unknown cpu in @rollup/rollup-${suffix}`)
  const platform = { os: [os], cpu: [cpu] }
  if (os === 'linux') platform.libc = [abi && abi.includes('musl') ? 'musl' : 'glibc']
  return platform
}

let added = 0
for (const [path, entry] of Object.entries(lock.packages)) {
  if (!path.endsWith('node_modules/rollup')) continue
  const base = path.slice(0, -'rollup'.length)
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    if (!name.startsWith('@rollup/rollup-')) continue
    const key = `${base}${name}`
    if (lock.packages[key]) continue
    lock.packages[key] = { version, ...(entry.dev ? { dev: true } : {}), optional: true, ...platformOf(name.slice('@rollup/rollup-'.length)) }
    added++
  }
}
lock.packages = Object.fromEntries(Object.entries(lock.packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)))
writeFileSync(lock_path, `${JSON.stringify(lock, null, 2)}\n`)
console.log(`complete-lockfile: added ${added} optional @rollup/rollup-* entries`)
