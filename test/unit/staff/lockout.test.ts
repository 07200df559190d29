/**
 * Login lockout: four failures then the right password signs in and forgets them; the
 * fifth failure within the window locks the login even against the right password, and
 * the lock ends after its time on the frozen clock.
 */
import { describe, expect, it } from 'vitest'
import { createStaff, StaffSessions } from '../../../main/staff/staff'
import { login_failure_window_ms, login_failures_max, login_lock_ms } from '../../../main/staff/lockout'
import { testDatabase } from '../../support/db'

const password = 'the right password'

function setup() {
  const { db, clock } = testDatabase()
  createStaff(db, clock, { username: 'clerk', display_name: 'Clerk', role: 'back_office_clerk', password })
  return { db, clock, sessions: new StaffSessions(db, clock) }
}

describe('login lockout', () => {
  it('lets the right password in after four failures, and starts the count again', () => {
    const { sessions } = setup()
    for (let n = 1; n < login_failures_max; n++) expect(sessions.login('clerk', 'wrong')).toMatchObject({ ok: false, reason: 'wrong', failures: n })
    expect(sessions.login('clerk', password).ok).toBe(true)
    for (let n = 1; n < login_failures_max; n++) expect(sessions.login('clerk', 'wrong')).toMatchObject({ ok: false, reason: 'wrong', failures: n })
  })

  it('locks after five failures, even against the right password, and unlocks after the lock time', () => {
    const { sessions, clock } = setup()
    for (let n = 1; n < login_failures_max; n++) sessions.login('clerk', 'wrong')
    const fifth = sessions.login('CLERK', 'wrong')
    expect(fifth).toMatchObject({ ok: false, reason: 'locked_now' })
    expect(sessions.login('clerk', password)).toMatchObject({ ok: false, reason: 'locked', locked_until: new Date(clock.now().getTime() + login_lock_ms) })
    clock.advance(login_lock_ms - 1)
    expect(sessions.login('clerk', password)).toMatchObject({ ok: false, reason: 'locked' })
    clock.advance(1)
    expect(sessions.login('clerk', password).ok).toBe(true)
  })

  it('counts only the failures within the window', () => {
    const { sessions, clock } = setup()
    for (let n = 1; n < login_failures_max; n++) sessions.login('clerk', 'wrong')
    clock.advance(login_failure_window_ms)
    expect(sessions.login('clerk', 'wrong')).toMatchObject({ ok: false, reason: 'wrong', failures: 1 })
  })

  it('locks an unknown username the same way, so a lock does not reveal which names exist', () => {
    const { sessions } = setup()
    for (let n = 1; n < login_failures_max; n++) sessions.login('nobody', 'wrong')
    expect(sessions.login('nobody', 'wrong')).toMatchObject({ ok: false, reason: 'locked_now' })
    expect(sessions.login('clerk', password).ok).toBe(true)
  })
})
