/**
 * A terminal's numeric keypad: digits 1-9 and 0, with Cancel (red), Clear (yellow) and Enter
 * (green) beside them as on real ATM and POS keypads. Its buttons are named by their face,
 * inside a group named "Keypad", so a test or a screen reader finds "Keypad → 7".
 */
import { UnstyledButton } from '@mantine/core'
import type { CSSProperties } from 'react'
import type { TerminalKey } from '../../devices/terminals/view'

const digit_rows = [
  ['1', '2', '3'],
  ['4', '5', '6'],
  ['7', '8', '9'],
  [null, '0', null],
] as const

const command_faces = [
  { key: 'cancel', face: 'Cancel', color: '#c92a2a', text: '#fff' },
  { key: 'clear', face: 'Clear', color: '#f2c200', text: '#222' },
  { key: 'enter', face: 'Enter', color: '#2b8a3e', text: '#fff' },
] as const

export function Keypad({ onPress, size, disabled = false }: { onPress: (key: TerminalKey) => void; size: 'atm' | 'pos'; disabled?: boolean }) {
  const unit = size === 'atm' ? 48 : 44
  const key_style = (background: string, color: string, width = unit): CSSProperties => ({
    width,
    height: unit * 0.8,
    borderRadius: 6,
    background,
    color,
    fontWeight: 700,
    fontSize: size === 'atm' ? 20 : 17,
    textAlign: 'center',
    boxShadow: 'inset 0 -3px 0 rgba(0,0,0,0.35), 0 1px 2px rgba(0,0,0,0.5)',
    opacity: disabled ? 0.6 : 1,
  })
  return (
    <div role="group" aria-label="Keypad" style={{ display: 'flex', gap: 10, padding: 10, background: '#2b2f36', borderRadius: 8 }}>
      <div style={{ display: 'grid', gridTemplateColumns: `repeat(3, ${unit}px)`, gap: 8 }}>
        {digit_rows.flat().map((digit, index) =>
          digit === null ? (
            <span key={`blank-${index}`} />
          ) : (
            <UnstyledButton key={digit} style={key_style('linear-gradient(#d9dde3, #aab1bb)', '#111')} disabled={disabled} onClick={() => onPress(digit)}>
              {digit}
            </UnstyledButton>
          ),
        )}
      </div>
      <div style={{ display: 'grid', gridTemplateRows: `repeat(3, ${unit * 0.8}px)`, gap: 8 }}>
        {command_faces.map((command) => (
          <UnstyledButton key={command.key} style={{ ...key_style(command.color, command.text, unit * 1.8), fontSize: size === 'atm' ? 16 : 14 }} disabled={disabled} onClick={() => onPress(command.key)}>
            {command.face}
          </UnstyledButton>
        ))}
      </div>
    </div>
  )
}
