/**
 * An amount as a clerk reads it: formatted from integer minor units by formatMinor, with the
 * currency code, in tabular digits so that columns of amounts line up on the decimal point.
 */
import { Text, type TextProps } from '@mantine/core'
import { formatMinor } from '../../main/ledger/money'

export const tabular = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const

export function formatAmount(amount_minor: number, exponent: number, currency: string): string {
  return `${formatMinor(amount_minor, exponent)} ${currency}`
}

interface AmountProps extends TextProps {
  minor: number
  exponent: number
  currency: string
}

export function Amount({ minor, exponent, currency, ...text }: AmountProps) {
  return (
    <Text span inherit ta="right" style={tabular} {...text}>
      {formatAmount(minor, exponent, currency)}
    </Text>
  )
}
