/** A screen's title with its actions on the right, the same on every screen. */
import { Group, Title } from '@mantine/core'
import type { ReactNode } from 'react'

export function ScreenTitle({ title, children }: { title: ReactNode; children?: ReactNode }) {
  return (
    <Group justify="space-between" mb="md" wrap="nowrap">
      <Title order={2}>{title}</Title>
      {children && <Group gap="sm">{children}</Group>}
    </Group>
  )
}
