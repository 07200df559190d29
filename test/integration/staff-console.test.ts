/**
 * Staff management and the audit trail through the console API on the demo bank: only
 * administrators manage staff (403 for the others, checked on the host); nobody changes
 * their own role or disables themself; a disabled member's session ends at once; the
 * lockout answers with the time it ends; every action lands in a chain that verifies,
 * and the export holds the filtered entries.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { StaffRole } from '../../main/api/console/contract'
import { clockTime, login_failures_max, login_lock_ms } from '../../main/staff/lockout'
import { openDemoApp, seedDemoImage, type DemoApp, type DemoImage, send, type Answer, signIn, signInAs } from './demo-app'

let demo: DemoImage
beforeAll(() => {
  demo = seedDemoImage()
})

function demoStaff(t: DemoApp, role: StaffRole): { username: string; password: string } {
  const s = t.credentials.staff.find((x) => x.role === role)
  if (!s) throw new Error(`no demo staff for ${role}`)
  return s
}

function data<T>(answer: Answer): T {
  if (!answer.body.ok) throw new Error(`expected ok, got ${answer.status} ${answer.body.error.code}: ${answer.body.error.message}`)
  return answer.body.data as T
}

function errorOf(answer: Answer): { code: string; message: string } {
  if (answer.body.ok) throw new Error(`expected a refusal, got ${answer.status}`)
  return answer.body.error
}

type StaffRowData = { id: number; username: string; role: StaffRole; status: string }

describe('staff management', () => {
  it('lets an administrator create a clerk and change its role, and refuses the administrator its own role', async () => {
    const t = openDemoApp(demo)
    const admin = await signIn(t, 'administrator')
    const created = data<{ staff: StaffRowData }>(await send(t, 'staff.create', { username: 'new.clerk', display_name: 'New Clerk', role: 'back_office_clerk', password: 'twelve chars ok' }, admin))
    expect(created.staff).toMatchObject({ username: 'new.clerk', role: 'back_office_clerk', status: 'active' })
    const changed = data<{ staff: StaffRowData }>(await send(t, 'staff.set_role', { staff_id: created.staff.id, role: 'supervisor' }, admin))
    expect(changed.staff.role).toBe('supervisor')

    const me = data<{ staff: { id: number } }>(await send(t, 'session.me', {}, admin))
    const own = await send(t, 'staff.set_role', { staff_id: me.staff.id, role: 'auditor' }, admin)
    expect(own.status).toBe(422)
    expect(errorOf(own).message).toBe('you cannot change your own role')
    const self_disable = await send(t, 'staff.disable', { staff_id: me.staff.id }, admin)
    expect(errorOf(self_disable).message).toBe('you cannot disable yourself')

    const short = await send(t, 'staff.create', { username: 'short.pw', display_name: 'Short', role: 'auditor', password: 'too short' }, admin)
    expect(short.status).toBe(400)
    expect(errorOf(short).message).toMatch(/at least 12 characters/)
    const taken = await send(t, 'staff.create', { username: 'new.clerk', display_name: 'Again', role: 'auditor', password: 'twelve chars ok' }, admin)
    expect(taken.status).toBe(409)
  })

  it('refuses staff commands to every role but administrator with 403, so a supervisor cannot raise themself', async () => {
    const t = openDemoApp(demo)
    const supervisor = await signIn(t, 'supervisor')
    const me = data<{ staff: { id: number } }>(await send(t, 'session.me', {}, supervisor))
    const raise = await send(t, 'staff.set_role', { staff_id: me.staff.id, role: 'administrator' }, supervisor)
    expect(raise.status).toBe(403)
    expect(errorOf(raise).code).toBe('forbidden')
    expect((t.db.prepare('SELECT role FROM staff WHERE id = ?').get(me.staff.id) as { role: string }).role).toBe('supervisor')
  })

  it('ends a disabled member’s session at once, and lets them in again once enabled with a reset password', async () => {
    const t = openDemoApp(demo)
    const admin = await signIn(t, 'administrator')
    const clerk_login = demoStaff(t, 'back_office_clerk')
    const clerk = await signIn(t, 'back_office_clerk')
    const clerk_id = data<{ staff: { id: number } }>(await send(t, 'session.me', {}, clerk)).staff.id
    data(await send(t, 'staff.disable', { staff_id: clerk_id }, admin))
    expect((await send(t, 'session.me', {}, clerk)).status).toBe(401)
    expect((await send(t, 'session.login', { username: clerk_login.username, password: clerk_login.password }, null)).status).toBe(401)
    data(await send(t, 'staff.enable', { staff_id: clerk_id }, admin))
    data(await send(t, 'staff.reset_password', { staff_id: clerk_id, password: 'a brand new password' }, admin))
    await signInAs(t, clerk_login.username, 'a brand new password')
  })
})

describe('login lockout through the console', () => {
  it('answers 423 with the time the lock ends, audits each failure and the lock, and lets the login in after it', async () => {
    const t = openDemoApp(demo)
    const { username, password } = demoStaff(t, 'auditor')
    for (let n = 1; n <= login_failures_max; n++) await send(t, 'session.login', { username, password: 'wrong' }, null)
    const until = new Date(t.clock.now().getTime() + login_lock_ms)
    const locked = await send(t, 'session.login', { username, password }, null)
    expect(locked.status).toBe(423)
    expect(errorOf(locked).message).toBe(`this login is locked until ${clockTime(until)} after repeated failed attempts`)
    const actions = (t.db.prepare("SELECT action FROM audit_log WHERE subject = ? AND action LIKE 'staff.login%' ORDER BY id").all(username) as Array<{ action: string }>).map((r) => r.action)
    expect(actions).toEqual([...Array<string>(login_failures_max).fill('staff.login_failed'), 'staff.login_locked', 'staff.login_refused_locked'])
    t.clock.advance(login_lock_ms)
    await signInAs(t, username, password)
  })
})

describe('audit trail commands', () => {
  it('lists the staff actions, verifies the chain, and exports the filtered entries', async () => {
    const t = openDemoApp(demo)
    const admin = await signIn(t, 'administrator')
    const created = data<{ staff: StaffRowData }>(await send(t, 'staff.create', { username: 'audited', display_name: 'Audited', role: 'auditor', password: 'twelve chars ok' }, admin))
    data(await send(t, 'staff.set_role', { staff_id: created.staff.id, role: 'technician' }, admin))
    const auditor = await signIn(t, 'auditor')
    const list = data<{ rows: Array<{ action: string; subject: string; staff_username: string | null }>; total: number }>(await send(t, 'audit.list', { action: 'staff.set', page_size: 10 }, auditor))
    expect(list.rows).toEqual([expect.objectContaining({ action: 'staff.set_role', subject: `staff:${created.staff.id}`, staff_username: demoStaff(t, 'administrator').username })])
    expect(data(await send(t, 'audit.verify', {}, auditor))).toMatchObject({ ok: true })
    const exported = data<{ csv: string; rows: number; filename: string }>(await send(t, 'audit.export', { action: 'staff.create' }, auditor))
    expect(exported.rows).toBe(1)
    expect(exported.csv).toContain('staff.create')
    expect(exported.filename).toMatch(/^centavo-audit-\d{4}-\d{2}-\d{2}\.csv$/)
    const clerk = await signIn(t, 'back_office_clerk')
    expect((await send(t, 'audit.list', {}, clerk)).status).toBe(403)
  })
})
