/** The cash tray: the notes the ATM presented, by denomination, until the customer takes them. */
import { Button, Group, Text } from '@mantine/core'
import type { NotesView } from '../../devices/terminals/view'

const note_colors = ['#2f9e44', '#1971c2', '#e8590c', '#9c36b5', '#c2255c', '#0c8599']

export function CashTray({ notes, onTake }: { notes: NotesView[]; onTake: () => void }) {
  const total = notes.reduce((sum, n) => sum + n.count, 0)
  return (
    <div
      aria-label="Cash tray"
      role="region"
      style={{ borderRadius: 8, padding: '10px 14px', minHeight: 84, background: 'linear-gradient(#101215, #25292f)', boxShadow: 'inset 0 6px 12px rgba(0,0,0,0.8)' }}
    >
      <Group justify="space-between" align="center" wrap="nowrap">
        <Group gap="lg" wrap="wrap" align="flex-end">
          {notes.length === 0 && (
            <Text fz="sm" c="gray.6">
              Cash tray: empty
            </Text>
          )}
          {notes.map((note, index) => (
            <div key={note.denomination_minor} data-testid="cash-note" style={{ position: 'relative', width: 118 + Math.min(note.count - 1, 4) * 4, height: 64 }}>
              {Array.from({ length: Math.min(note.count, 5) }, (_, layer) => (
                <div
                  key={layer}
                  style={{
                    position: 'absolute',
                    left: layer * 4,
                    top: 8 - layer * 2,
                    width: 112,
                    height: 52,
                    borderRadius: 4,
                    background: `linear-gradient(135deg, ${note_colors[index % note_colors.length]}, #e9fac8)`,
                    border: '1px solid rgba(0,0,0,0.4)',
                    boxShadow: '0 1px 2px rgba(0,0,0,0.5)',
                  }}
                />
              ))}
              <div style={{ position: 'absolute', left: 8, top: 14 - Math.min(note.count - 1, 4) * 2, color: '#0b1e0b', fontWeight: 800, fontSize: 14, textShadow: '0 0 2px #fff' }}>
                {note.denomination_label}
              </div>
              <div style={{ position: 'absolute', right: 0, bottom: -2, color: '#fff', fontWeight: 700, fontSize: 13, background: '#000a', borderRadius: 4, padding: '0 5px' }}>
                × {note.count}
              </div>
            </div>
          ))}
        </Group>
        {total > 0 && (
          <Button size="sm" color="green" onClick={onTake}>
            Take cash
          </Button>
        )}
      </Group>
    </div>
  )
}
