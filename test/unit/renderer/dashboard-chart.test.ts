import { describe, expect, it } from 'vitest'
import { axisLabel, chartMax, dayLabel } from '../../../renderer/screens/dashboard/chart-data'

describe('dashboard chart labels', () => {
  it('labels a small scale with cents and a large one in whole units, k and M, from integer minor units', () => {
    expect([0, 450, 900, 1_350, 1_800].map((t) => axisLabel(t, 2, 1_800))).toEqual(['0.00', '4.50', '9.00', '13.50', '18.00'])
    expect(axisLabel(250_000, 2, 1_000_000)).toBe('2,500')
    expect(axisLabel(2_500_000, 2, 10_000_000)).toBe('25k')
    expect(axisLabel(250_000_000, 2, 500_000_000)).toBe('2.5M')
    expect(axisLabel(1_500, 0, 100_000)).toBe('1,500')
    expect(axisLabel(1_250, 3, 10_000)).toBe('1.250')
  })

  it('takes the scale from the stacked purchases or the top-up line, whichever is higher', () => {
    const point = (micropayment_minor: number, credit_minor: number, top_up_minor: number) => ({ label: '', day: '', micropayment_minor, credit_minor, top_up_minor })
    expect(chartMax([point(100, 200, 0), point(0, 0, 1_000), point(50, 50, 0)])).toBe(1_000)
    expect(chartMax([point(700, 600, 1_000)])).toBe(1_300)
    expect(chartMax([])).toBe(0)
  })

  it('names days shortly', () => {
    expect(dayLabel('2026-11-05')).toBe('Nov 5')
    expect(dayLabel('2026-01-31')).toBe('Jan 31')
  })
})
