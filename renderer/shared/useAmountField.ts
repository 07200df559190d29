/**
 * The amount field of a money form: the text as typed, and the error the last check found.
 * check() runs on submit only (a half-typed amount is not an error yet) and gives the amount
 * in minor units, or undefined after showing why it cannot be sent.
 */
import { useState } from 'react'
import { parsePositiveAmount } from './money-input'

export interface AmountField {
  value: string
  setValue: (value: string) => void
  error: string | undefined
  /** The amount in minor units, more than zero; undefined (and `error` set) if it is not one. */
  check: () => number | undefined
}

/** `exponent` is read when check() runs, so a form may switch currency (e.g. the direction of a move). */
export function useAmountField(exponent: number, initial: string | (() => string) = ''): AmountField {
  const [value, setValue] = useState(initial)
  const [error, setError] = useState<string>()
  function check(): number | undefined {
    const parsed = parsePositiveAmount(value, exponent)
    setError(parsed.ok ? undefined : parsed.message)
    return parsed.ok ? parsed.amount_minor : undefined
  }
  return { value, setValue, error, check }
}
