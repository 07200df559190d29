import { openDatabase, type Database } from '../../main/store/database'
import { FrozenClock } from '../../main/clock'

/** A real SQLite database in memory, built from the real migrations, with a frozen clock. */
export function testDatabase(start = '2026-11-02T09:00:00.000Z'): { db: Database; clock: FrozenClock } {
  const clock = new FrozenClock(start)
  const db = openDatabase(':memory:', { clock, synchronous: 'NORMAL' })
  return { db, clock }
}
