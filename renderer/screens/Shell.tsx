/**
 * The frame around every screen after sign-in: the bank and who is signed in across the top
 * (with a loud badge when this is the demo bank's test data), the screens the role may use
 * down the side, and the current screen in the middle.
 */
import { AppShell, Badge, Button, Group, NavLink, Stack, Text, Title } from '@mantine/core'
import { useState } from 'react'
import { call } from '../api/client'
import { role_labels } from '../shared/roles'
import { routeHash } from '../shared/route'
import { useRoute } from '../shared/useRoute'
import { useSession } from '../src/session'
import { navItemOf, navItemsFor } from './navigation'
import { notifyError } from '../shared/notify'
import { ScreenFor } from './ScreenFor'

export function Shell({ onSignedOut }: { onSignedOut: () => void }) {
  const { staff, bank } = useSession()
  const route = useRoute()
  const items = navItemsFor(staff.role)
  const current = navItemOf(route)
  const [signing_out, setSigningOut] = useState(false)

  async function signOut() {
    setSigningOut(true)
    try {
      await call('session.logout', {})
      onSignedOut()
    } catch (failure) {
      notifyError('Sign-out failed', failure)
      setSigningOut(false)
    }
  }

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 200, breakpoint: 0 }} padding="md">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Title order={4} style={{ whiteSpace: 'nowrap' }}>
              {bank.name}
            </Title>
            {bank.demo && (
              <Badge color="orange" variant="filled" size="lg" radius="sm">
                DEMO BANK — test data
              </Badge>
            )}
          </Group>
          <Group gap="md" wrap="nowrap">
            <Stack gap={0} align="flex-end">
              <Text fz="sm" fw={600} data-testid="staff-name">
                {staff.display_name}
              </Text>
              <Text fz="xs" c="dimmed" data-testid="staff-role">
                {role_labels[staff.role]}
              </Text>
            </Stack>
            <Button variant="default" size="xs" onClick={signOut} loading={signing_out}>
              Sign out
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Screens">
        {items.map((item) => (
          <NavLink
            key={item.label}
            href={routeHash(item.route)}
            label={item.label}
            active={current?.label === item.label}
            fw={500}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main bg="gray.0">
        <ScreenFor route={route} items={items} />
      </AppShell.Main>
    </AppShell>
  )
}
