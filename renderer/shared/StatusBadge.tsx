/** One look for every status word: green when usable, orange when paused, red when refused, grey when ended. */
import { Badge, type BadgeProps } from '@mantine/core'

const colors: Record<string, string> = {
  active: 'green',
  open: 'green',
  approved: 'green',
  pending: 'yellow',
  rejected: 'red',
  cancelled: 'gray',
  suspended: 'orange',
  declined: 'red',
  blocked: 'red',
  lost: 'red',
  closed: 'gray',
  done: 'green',
  failed: 'red',
}

export function StatusBadge({ status, ...badge }: { status: string } & BadgeProps) {
  return (
    <Badge color={colors[status] ?? 'gray'} variant="light" size="sm" radius="sm" {...badge}>
      {status}
    </Badge>
  )
}
