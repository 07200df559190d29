/**
 * Staff management, for administrators (the contract's roles enforce that on the host).
 * The rules that do not depend on the role are here: nobody changes their own role or
 * disables themself, and a new or reset password has a minimum length.
 */
import type { Database } from '../store/database'
import type { Clock } from '../clock'
import type { StaffRole } from '../api/console/contract'
import { RequestError } from '../errors'
import { hashPassword } from '../security/secrets'
import { createStaff, endSessionsOf, type StaffRow } from './staff'

export const staff_password_length_min = 12

export interface StaffListRow {
  id: number
  username: string
  display_name: string
  role: StaffRole
  status: 'active' | 'disabled'
  created_at: string
}

const list_columns = 'id, username, display_name, role, status, created_at'

export function listStaff(db: Database): StaffListRow[] {
  return db.prepare(`SELECT ${list_columns} FROM staff ORDER BY username`).all() as StaffListRow[]
}

function staffById(db: Database, staff_id: number): StaffRow {
  const row = db.prepare('SELECT * FROM staff WHERE id = ?').get(staff_id) as StaffRow | undefined
  if (!row) throw new RequestError('not_found', `there is no staff member ${staff_id}`)
  return row
}

function listRow(row: StaffRow): StaffListRow {
  return { id: row.id, username: row.username, display_name: row.display_name, role: row.role, status: row.status, created_at: row.created_at }
}

export function addStaff(db: Database, clock: Clock, input: { username: string; display_name: string; role: StaffRole; password: string }): StaffListRow {
  if (input.password.length < staff_password_length_min) throw new RequestError('bad_request', `a staff password has at least ${staff_password_length_min} characters`)
  const taken = db.prepare('SELECT 1 FROM staff WHERE username = ?').get(input.username)
  if (taken) throw new RequestError('conflict', `the username "${input.username}" is taken`)
  return listRow(createStaff(db, clock, input))
}

export function setStaffRole(db: Database, caller_id: number, staff_id: number, role: StaffRole): { before: StaffRole; after: StaffListRow } {
  if (caller_id === staff_id) throw new RequestError('refused', 'you cannot change your own role')
  const before = staffById(db, staff_id)
  db.prepare('UPDATE staff SET role = ? WHERE id = ?').run(role, staff_id)
  return { before: before.role, after: listRow(staffById(db, staff_id)) }
}

/** Disabling ends the member's sessions at once; enabling lets them sign in again. */
export function setStaffStatus(db: Database, caller_id: number, staff_id: number, status: 'active' | 'disabled'): StaffListRow {
  if (caller_id === staff_id) throw new RequestError('refused', status === 'disabled' ? 'you cannot disable yourself' : 'you cannot enable yourself')
  staffById(db, staff_id)
  return db.transaction(() => {
    db.prepare('UPDATE staff SET status = ? WHERE id = ?').run(status, staff_id)
    if (status === 'disabled') endSessionsOf(db, staff_id)
    return listRow(staffById(db, staff_id))
  })()
}

/** A reset password ends the member's sessions: whoever held the old one is signed out. */
export function resetStaffPassword(db: Database, staff_id: number, password: string): StaffListRow {
  if (password.length < staff_password_length_min) throw new RequestError('bad_request', `a staff password has at least ${staff_password_length_min} characters`)
  staffById(db, staff_id)
  return db.transaction(() => {
    db.prepare('UPDATE staff SET password_hash = ? WHERE id = ?').run(hashPassword(password), staff_id)
    endSessionsOf(db, staff_id)
    return listRow(staffById(db, staff_id))
  })()
}
