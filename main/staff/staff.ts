import type { Database } from '../store/database'
import type { Clock } from '../clock'
import type { StaffRole } from '../api/console/contract'
import { hashPassword, randomToken, sha256Hex, unknown_user_hash, verifyPassword } from '../security/secrets'
import { clearLoginFailures, loginLockedUntil, recordLoginFailure } from './lockout'

export { audit } from './audit'

/** A staff session ends after this much inactivity, and in any case after the working day. */
export const staff_session_idle_ms = 30 * 60 * 1000
export const staff_session_max_ms = 12 * 60 * 60 * 1000

export interface StaffRow {
  id: number
  username: string
  display_name: string
  role: StaffRole
  password_hash: string
  status: 'active' | 'disabled'
  demo: number
  created_at: string
}

export type StaffView = Pick<StaffRow, 'id' | 'username' | 'display_name' | 'role'>

export function staffView(row: StaffRow): StaffView {
  return { id: row.id, username: row.username, display_name: row.display_name, role: row.role }
}

export function createStaff(
  db: Database,
  clock: Clock,
  input: { username: string; display_name: string; role: StaffRole; password: string; demo?: boolean },
): StaffRow {
  return db
    .prepare(
      `INSERT INTO staff (username, display_name, role, password_hash, demo, created_at)
       VALUES (?, ?, ?, ?, ?, ?) RETURNING *`,
    )
    .get(input.username, input.display_name, input.role, hashPassword(input.password), input.demo ? 1 : 0, clock.now().toISOString()) as StaffRow
}

export type LoginResult =
  | { ok: true; token: string; staff: StaffRow }
  | { ok: false; reason: 'wrong' | 'locked' | 'locked_now'; locked_until: Date | null; failures: number }

/** Ends every session of one staff member: after they are disabled or their password is reset. */
export function endSessionsOf(db: Database, staff_id: number): void {
  db.prepare('DELETE FROM staff_sessions WHERE staff_id = ?').run(staff_id)
}

export class StaffSessions {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /**
   * A session token for good credentials of an active staff member. A locked login is
   * refused before the password is even looked at; a wrong password counts towards a lock.
   */
  login(username: string, password: string): LoginResult {
    const now = this.clock.now()
    const locked_until = loginLockedUntil(this.db, username, now)
    if (locked_until) return { ok: false, reason: 'locked', locked_until, failures: 0 }
    const staff = this.db.prepare('SELECT * FROM staff WHERE username = ?').get(username) as StaffRow | undefined
    const ok = verifyPassword(password, staff?.password_hash ?? unknown_user_hash)
    if (!staff || !ok || staff.status !== 'active') {
      const failure = recordLoginFailure(this.db, username, now)
      return failure.locked_until
        ? { ok: false, reason: 'locked_now', locked_until: failure.locked_until, failures: failure.failures }
        : { ok: false, reason: 'wrong', locked_until: null, failures: failure.failures }
    }
    clearLoginFailures(this.db, username)
    const token = randomToken(32)
    this.db
      .prepare('INSERT INTO staff_sessions (token_sha256, staff_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(sha256Hex(token), staff.id, now.toISOString(), now.toISOString(), new Date(now.getTime() + staff_session_max_ms).toISOString())
    return { ok: true, token, staff }
  }

  /** The staff member behind a live session; touching it keeps it alive. */
  resolve(token: string): StaffRow | undefined {
    const now = this.clock.now()
    const session = this.db
      .prepare('SELECT staff_id, last_seen_at, expires_at FROM staff_sessions WHERE token_sha256 = ?')
      .get(sha256Hex(token)) as { staff_id: number; last_seen_at: string; expires_at: string } | undefined
    if (!session) return undefined
    const idle_ms = now.getTime() - new Date(session.last_seen_at).getTime()
    if (idle_ms > staff_session_idle_ms || new Date(session.expires_at).getTime() <= now.getTime()) {
      this.logout(token)
      return undefined
    }
    this.db.prepare('UPDATE staff_sessions SET last_seen_at = ? WHERE token_sha256 = ?').run(now.toISOString(), sha256Hex(token))
    const staff = this.db.prepare('SELECT * FROM staff WHERE id = ?').get(session.staff_id) as StaffRow | undefined
    return staff?.status === 'active' ? staff : undefined
  }

  logout(token: string): void {
    this.db.prepare('DELETE FROM staff_sessions WHERE token_sha256 = ?').run(sha256Hex(token))
  }
}
