/**
 * The ATM's display with its eight function keys, four on each side. Display and keys share
 * one grid, so each key lines up with the label the screen shows beside it. A key with no
 * label on this screen does nothing, as on a real machine.
 */
import { UnstyledButton } from '@mantine/core'
import type { CSSProperties } from 'react'
import type { FunctionKey, ScreenTone, ScreenView } from '../../devices/terminals/view'

const left_keys = ['L1', 'L2', 'L3', 'L4'] as const
const right_keys = ['R1', 'R2', 'R3', 'R4'] as const

const tone_colors: Record<ScreenTone, { title: string; background: string }> = {
  normal: { title: '#e7f5ff', background: 'radial-gradient(ellipse at top, #17375e, #0a1b31)' },
  wait: { title: '#ffe066', background: 'radial-gradient(ellipse at top, #17375e, #0a1b31)' },
  approved: { title: '#8ce99a', background: 'radial-gradient(ellipse at top, #134231, #0a1f18)' },
  declined: { title: '#ffc078', background: 'radial-gradient(ellipse at top, #4a2412, #1f0d06)' },
  out_of_service: { title: '#ffa8a8', background: 'radial-gradient(ellipse at top, #4a1111, #1d0707)' },
  supervisor: { title: '#ffd43b', background: 'repeating-linear-gradient(135deg, #2b2b10 0 14px, #23230c 14px 28px)' },
}

const row_px = 48
const header_px = 106

function FunctionKeyButton({ fkey, label, side, onPress }: { fkey: FunctionKey; label: string | undefined; side: 'left' | 'right'; onPress: (key: FunctionKey) => void }) {
  const style: CSSProperties = {
    width: 54,
    height: 38,
    alignSelf: 'center',
    borderRadius: 5,
    background: 'linear-gradient(#ced4da, #868e96)',
    boxShadow: 'inset 0 -3px 0 rgba(0,0,0,0.35), 0 1px 2px rgba(0,0,0,0.6)',
    color: '#343a40',
    fontSize: 15,
    textAlign: 'center',
  }
  return (
    <UnstyledButton style={style} aria-label={label ? `${label} (${fkey})` : fkey} onClick={() => onPress(fkey)}>
      {side === 'left' ? '▶' : '◀'}
    </UnstyledButton>
  )
}

export function AtmDisplay({ screen, onPress }: { screen: ScreenView; onPress: (key: FunctionKey) => void }) {
  const tone = tone_colors[screen.tone]
  const has_labels = Object.keys(screen.function_keys).length > 0
  const text: CSSProperties = { color: '#d0ebff', fontSize: 17, lineHeight: 1.35 }
  const label_text: CSSProperties = { color: '#fff', fontSize: 17, fontWeight: 600 }
  const body = (
    <>
      {screen.lines.map((line, index) => (
        <div key={index} style={{ ...text, minHeight: line === '' ? 10 : undefined }}>
          {line}
        </div>
      ))}
      {screen.entry && (
        <div style={{ marginTop: 12, display: 'inline-block', padding: '6px 18px', minWidth: 180, borderRadius: 4, background: 'rgba(255,255,255,0.1)', border: '1px solid rgba(255,255,255,0.35)' }}>
          <span style={{ color: '#a5d8ff', fontSize: 13, marginRight: 10 }}>{screen.entry.label}</span>
          <span data-testid="screen-entry" style={{ color: '#fff', fontSize: 26, letterSpacing: screen.entry.label === 'PIN' ? 6 : 1, fontWeight: 700 }}>
            {screen.entry.text || '\u00a0'}
          </span>
        </div>
      )}
    </>
  )
  return (
    <div
      role="region"
      aria-label="ATM screen"
      data-screen={screen.name}
      style={{ display: 'grid', gridTemplateColumns: '54px minmax(0, 1fr) 54px', gridTemplateRows: `${header_px}px repeat(4, ${row_px}px)`, columnGap: 12 }}
    >
      <div
        style={{
          gridColumn: 2,
          gridRow: '1 / 6',
          borderRadius: 8,
          background: tone.background,
          border: '10px solid #15181d',
          boxShadow: 'inset 0 0 24px rgba(0,0,0,0.7), 0 0 0 2px #5c636e',
        }}
      />
      <div style={{ gridColumn: 2, gridRow: 1, padding: '16px 22px 0', textAlign: 'center', zIndex: 1 }}>
        <div style={{ color: tone.title, fontSize: 23, fontWeight: 700, lineHeight: 1.2 }} data-testid="screen-title">
          {screen.title}
        </div>
        {has_labels && <div style={{ marginTop: 6 }}>{body}</div>}
      </div>
      {!has_labels && (
        <div style={{ gridColumn: 2, gridRow: '2 / 6', padding: '0 26px', textAlign: 'center', zIndex: 1 }} data-testid="screen-body">
          {body}
        </div>
      )}
      {[0, 1, 2, 3].map((row) => {
        const left = left_keys[row]
        const right = right_keys[row]
        if (left === undefined || right === undefined) return null
        const left_label = screen.function_keys[left]
        const right_label = screen.function_keys[right]
        return (
          <div key={row} style={{ display: 'contents' }}>
            <div style={{ gridColumn: 1, gridRow: row + 2, display: 'flex' }}>
              <FunctionKeyButton fkey={left} label={left_label} side="left" onPress={onPress} />
            </div>
            {has_labels && (
              <div style={{ gridColumn: 2, gridRow: row + 2, display: 'flex', justifyContent: 'space-between', alignItems: 'center', padding: '0 22px', zIndex: 1 }}>
                <span style={label_text}>{left_label ? `◂ ${left_label}` : ''}</span>
                <span style={label_text}>{right_label ? `${right_label} ▸` : ''}</span>
              </div>
            )}
            <div style={{ gridColumn: 3, gridRow: row + 2, display: 'flex' }}>
              <FunctionKeyButton fkey={right} label={right_label} side="right" onPress={onPress} />
            </div>
          </div>
        )
      })}
    </div>
  )
}
