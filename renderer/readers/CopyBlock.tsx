/** A command or config line to paste into a terminal: monospace, with a Copy button beside it. */
import { ActionIcon, Button, Code, CopyButton, Group, Tooltip } from '@mantine/core'

export function CopyBlock({ text, label }: { text: string; label: string }) {
  return (
    <Group gap="xs" wrap="nowrap" align="stretch">
      <Code block style={{ flex: 1, minWidth: 0, whiteSpace: 'pre-wrap', wordBreak: 'break-all', fontSize: 12 }} aria-label={label}>
        {text}
      </Code>
      <CopyButton value={text} timeout={2_000}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? 'Copied' : `Copy ${label.toLowerCase()}`} withArrow>
            {copied ? (
              <ActionIcon size="lg" color="teal" variant="light" onClick={copy} aria-label={`Copied ${label.toLowerCase()}`} style={{ alignSelf: 'center' }}>
                ✓
              </ActionIcon>
            ) : (
              <Button size="xs" variant="default" onClick={copy} aria-label={`Copy ${label.toLowerCase()}`} style={{ alignSelf: 'center' }}>
                Copy
              </Button>
            )}
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  )
}
