import { describe, expect, it } from 'vitest'
import { ConsoleError } from '../../../renderer/api/client'
import { describeMoneyFailure, failureKind } from '../../../renderer/shared/money-failure'

describe('failureKind', () => {
  // Proves only a plain refusal lets a form take a new idempotency key: a lost answer or a
  // conflict may hide money that already moved, so those keep the key.
  it('tells refusals from failures that may hide a completed transfer', () => {
    for (const code of ['bad_request', 'unauthenticated', 'forbidden', 'not_found', 'refused'] as const) {
      expect(failureKind(new ConsoleError(code, 'no')), code).toBe('refused')
    }
    expect(failureKind(new ConsoleError('network', 'no answer'))).toBe('unknown')
    expect(failureKind(new ConsoleError('internal', 'boom'))).toBe('unknown')
    expect(failureKind(new TypeError('Failed to fetch'))).toBe('unknown')
    expect(failureKind(new ConsoleError('conflict', 'key reused'))).toBe('conflict')
  })

  // Proves the clerk reads the host's message under a title saying what to do next.
  it('keeps the host message and says whether retrying is safe', () => {
    const lost = describeMoneyFailure('Funding', 'Fund', new ConsoleError('network', 'The host did not answer'))
    expect(lost).toEqual({ title: expect.stringContaining('press Fund again without changes'), message: 'The host did not answer' })
    const refused = describeMoneyFailure('Move', 'Move', new ConsoleError('refused', 'not enough value'))
    expect(refused).toEqual({ title: 'Move refused', message: 'not enough value' })
  })
})
