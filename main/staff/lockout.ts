/**
 * Login lockout: repeated failed logins for one username lock that login for a while, even
 * against the right password, so a password cannot be guessed at speed. Failures are
 * counted per username whether or not the username exists, so a lock says nothing about
 * which usernames are real.
 */
import type { Database } from '../store/database'

export const login_failures_max = 5
export const login_failure_window_ms = 15 * 60 * 1000
export const login_lock_ms = 15 * 60 * 1000

/** The end of the lock on this login, or null if it is not locked at `now`. */
export function loginLockedUntil(db: Database, username: string, now: Date): Date | null {
  const lock = db.prepare('SELECT locked_until FROM login_locks WHERE username = ?').get(username) as { locked_until: string } | undefined
  if (!lock) return null
  const until = new Date(lock.locked_until)
  return until.getTime() > now.getTime() ? until : null
}

/** Counts one failure; the one that reaches the limit locks the login and starts the count again. */
export function recordLoginFailure(db: Database, username: string, now: Date): { failures: number; locked_until: Date | null } {
  return db.transaction(() => {
    db.prepare('INSERT INTO login_failures (username, at) VALUES (?, ?)').run(username, now.toISOString())
    const since = new Date(now.getTime() - login_failure_window_ms).toISOString()
    const { failures } = db.prepare('SELECT count(*) AS failures FROM login_failures WHERE username = ? AND at > ?').get(username, since) as { failures: number }
    if (failures < login_failures_max) return { failures, locked_until: null }
    const locked_until = new Date(now.getTime() + login_lock_ms)
    db.prepare('INSERT INTO login_locks (username, locked_until) VALUES (?, ?) ON CONFLICT (username) DO UPDATE SET locked_until = excluded.locked_until').run(
      username,
      locked_until.toISOString(),
    )
    db.prepare('DELETE FROM login_failures WHERE username = ?').run(username)
    return { failures, locked_until }
  })()
}

/** A successful login forgets the failures before it. */
export function clearLoginFailures(db: Database, username: string): void {
  db.prepare('DELETE FROM login_failures WHERE username = ?').run(username)
  db.prepare('DELETE FROM login_locks WHERE username = ?').run(username)
}

/** "14:05" in the host's local time: the console runs on the same machine. */
export function clockTime(at: Date): string {
  return `${String(at.getHours()).padStart(2, '0')}:${String(at.getMinutes()).padStart(2, '0')}`
}
