/**
 * The computer's keyboard as the terminal's keypad: digits, Enter, Escape for Cancel and
 * Backspace for Clear, while the page has focus and no form field is being typed into.
 */
import { useEffect } from 'react'
import type { TerminalKey } from '../../devices/terminals/view'

const named: Readonly<Record<string, TerminalKey>> = { Enter: 'enter', Escape: 'cancel', Backspace: 'clear' }

export function useKeyboard(onPress: (key: TerminalKey) => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return
    const listen = (event: KeyboardEvent) => {
      const target = event.target
      if (target instanceof HTMLElement && target.closest('input, textarea, select, [contenteditable="true"]')) return
      if (event.ctrlKey || event.metaKey || event.altKey) return
      const key = /^[0-9]$/.test(event.key) ? (event.key as TerminalKey) : named[event.key]
      if (key === undefined) return
      // Also stops Enter from clicking whichever button has the focus, which would press twice.
      event.preventDefault()
      onPress(key)
    }
    window.addEventListener('keydown', listen)
    return () => window.removeEventListener('keydown', listen)
  }, [onPress, enabled])
}
