/** The terminal's link to its host, in one word and a colour; the sentence is in the tooltip. */
import { Badge, Tooltip } from '@mantine/core'
import type { LinkStatusView } from '../../devices/terminals/view'

const looks: Record<LinkStatusView, { color: string; word: string }> = {
  online: { color: 'green', word: 'Online' },
  connecting: { color: 'yellow', word: 'Connecting' },
  signing_on: { color: 'yellow', word: 'Signing on' },
  refused: { color: 'red', word: 'Sign-on refused' },
  offline: { color: 'red', word: 'Offline' },
  stopped: { color: 'gray', word: 'Stopped' },
}

export function LinkBadge({ link }: { link: { status: LinkStatusView; detail: string } }) {
  const look = looks[link.status]
  return (
    <Tooltip label={link.detail} multiline maw={320}>
      <Badge color={look.color} variant="light" radius="sm" data-testid="link-status">
        {look.word}
      </Badge>
    </Tooltip>
  )
}
