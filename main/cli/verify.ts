/**
 * `npm run verify -- --db PATH`: checks the ledger's invariants on a database, prints one
 * summary line (and the problems, if any), and exits 0 only if every invariant holds.
 */
import { parseArgs } from 'node:util'
import { existsSync } from 'node:fs'
import { openDatabase } from '../store/database'
import { systemClock } from '../clock'
import { checkInvariants } from '../ledger/invariants'
import { fail } from './args'

function main(): void {
  const { values } = parseArgs({ options: { db: { type: 'string' } } })
  if (!values.db) {
    console.log('usage: npm run verify -- --db PATH')
    process.exit(2)
  }
  if (!existsSync(values.db)) fail(new Error(`there is no database at ${values.db}`))
  const db = openDatabase(values.db, { clock: systemClock })
  try {
    const report = checkInvariants(db)
    const counted = `${report.accounts} accounts, ${report.transfers} transfers, ${report.currencies} currencies`
    console.log(
      report.ok
        ? `verify ${values.db}: OK: ${counted}; balances sum to zero per currency, equal their entries, keep their rules; every transfer balanced`
        : `verify ${values.db}: FAILED: ${report.problems.length} problem(s) in ${counted}`,
    )
    for (const problem of report.problems) console.log(`  - ${problem}`)
    process.exitCode = report.ok ? 0 : 1
  } finally {
    db.close()
  }
}

try {
  main()
} catch (error) {
  fail(error)
}
