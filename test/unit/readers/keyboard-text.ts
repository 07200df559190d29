/** The text a run of keyboard reports types, Enter shown as a newline: for assertions on keyboard transcripts. */
import { keyboard_report_length } from '../../../devices/readers/formats/keyboard'
import { isShift, usageCharacter, usage_enter } from '../../../devices/readers/formats/keyboard-usages'

export function keyboardText(bytes: Uint8Array): string {
  let text = ''
  let held = new Set<number>()
  for (let at = 0; at + keyboard_report_length <= bytes.length; at += keyboard_report_length) {
    const shift = isShift(bytes[at] ?? 0)
    const down = new Set<number>()
    for (let slot = 2; slot < keyboard_report_length; slot += 1) {
      const usage = bytes[at + slot] ?? 0
      if (usage === 0) continue
      down.add(usage)
      if (held.has(usage)) continue
      text += usage === usage_enter ? '\n' : (usageCharacter(usage, shift) ?? '�')
    }
    held = down
  }
  return text
}
