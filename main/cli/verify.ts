/**
 * `npm run verify -- --db PATH`: checks the ledger's invariants and the back office's books
 * (settlement batches, bills, disputes) on a database, prints a summary line for each (and
 * the problems, if any), and exits 0 only if everything holds.
 */
import { parseArgs } from 'node:util'
import { existsSync } from 'node:fs'
import { openDatabase } from '../store/database'
import { systemClock } from '../clock'
import { checkInvariants } from '../ledger/invariants'
import { checkBooks } from '../reports/books'
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
    const books = checkBooks(db)
    const books_counted = `${books.batches} settlement batches, ${books.bills} bills, ${books.disputes} disputes`
    console.log(
      books.ok
        ? `verify ${values.db}: books OK: ${books_counted} agree with the ledger`
        : `verify ${values.db}: books FAILED: ${books.problems.length} problem(s) in ${books_counted}`,
    )
    for (const problem of books.problems) console.log(`  - ${problem}`)
    process.exitCode = report.ok && books.ok ? 0 : 1
  } finally {
    db.close()
  }
}

try {
  main()
} catch (error) {
  fail(error)
}
