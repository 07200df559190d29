/**
 * A text field for an amount in major units ("25.00"), with the currency beside it. It stays
 * text on purpose: the form turns it into minor units with parseAmountToMinor, never a float.
 */
import { Text, TextInput, type TextInputProps } from '@mantine/core'

interface AmountInputProps extends Omit<TextInputProps, 'onChange' | 'value'> {
  value: string
  currency: string
  onChange: (value: string) => void
}

export function AmountInput({ value, currency, onChange, ...input }: AmountInputProps) {
  return (
    <TextInput
      inputMode="decimal"
      autoComplete="off"
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      rightSection={
        <Text fz="xs" c="dimmed">
          {currency}
        </Text>
      }
      rightSectionWidth={48}
      styles={{ input: { textAlign: 'right', fontVariantNumeric: 'tabular-nums' } }}
      {...input}
    />
  )
}
