import type { Database } from '../store/database'
import type { Clock } from '../clock'
import type { StaffRole } from '../api/console/contract'
import { hashPassword, randomToken, sha256Hex, unknown_user_hash, verifyPassword } from '../security/secrets'

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

export class StaffSessions {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** A session token for good credentials of an active staff member, else null. */
  login(username: string, password: string): { token: string; staff: StaffRow } | null {
    const staff = this.db.prepare('SELECT * FROM staff WHERE username = ?').get(username) as StaffRow | undefined
    const ok = verifyPassword(password, staff?.password_hash ?? unknown_user_hash)
    if (!staff || !ok || staff.status !== 'active') return null
    const token = randomToken(32)
    const now = this.clock.now()
    this.db
      .prepare('INSERT INTO staff_sessions (token_sha256, staff_id, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?)')
      .run(sha256Hex(token), staff.id, now.toISOString(), now.toISOString(), new Date(now.getTime() + staff_session_max_ms).toISOString())
    return { token, staff }
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

/** Appends to the audit trail. Issue 4 chains these entries by hash. */
export function audit(
  db: Database,
  clock: Clock,
  entry: { staff_id: number | null; action: string; subject?: string; detail?: unknown },
): void {
  db.prepare('INSERT INTO audit_log (at, staff_id, action, subject, detail_json) VALUES (?, ?, ?, ?, ?)').run(
    clock.now().toISOString(),
    entry.staff_id,
    entry.action,
    entry.subject ?? '',
    JSON.stringify(entry.detail ?? {}),
  )
}
