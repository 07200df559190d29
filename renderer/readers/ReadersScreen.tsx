/**
 * The technician's card-reader screen (#/readers): the readers Centavo can use with their
 * status, pairing and last swipe; the live test-swipe panel; every HID device the host
 * sees; and, when no reader shows up or one is refused, how to fix it on Linux.
 */
import { Alert, Button, Grid, Menu, Stack, Text, Title } from '@mantine/core'
import { useEffect, useMemo, useState } from 'react'
import { emulated_format_labels, type EmulatedFormatView, type ReaderStatusView } from '../../devices/readers/view'
import type { TerminalSummaryView } from '../../devices/terminals/view'
import { ScreenTitle } from '../shared/ScreenTitle'
import { getJson } from '../terminals/api'
import { useWallet } from '../terminals/useWallet'
import { EventList } from './EventList'
import { HidDeviceTable } from './HidDeviceTable'
import { ReaderCard, type ReaderActions } from './ReaderCard'
import { TestSwipePanel } from './TestSwipePanel'
import { UdevHelp } from './UdevHelp'
import { useHidDevices } from './useHidDevices'
import { useReaders, type ReadersHandle } from './useReaders'

const plug_events = new Set(['plugged', 'unplugged', 'added', 'removed'])

function actionsFor(reader: ReaderStatusView, act: ReadersHandle['act']): ReaderActions {
  const reader_id = reader.reader_id
  return {
    pair: (terminal_id) => void act('/pair', { reader_id, terminal_id }, 'Could not pair the reader'),
    unpair: () => void act('/unpair', { reader_id }, 'Could not unpair the reader'),
    testMode: (on) => void act('/test-mode', { reader_id, on }, 'Could not change test swipe'),
    retry: () => void act('/retry', { reader_id }, 'Could not open the reader'),
    swipe: (label, bad) => void act('/emulated/swipe', { reader_id, label, ...(bad ? { bad } : {}) }, 'The swipe did not reach anything'),
    plug: (plugged) => void act('/emulated/plug', { reader_id, plugged }, plugged ? 'Could not plug the reader in' : 'Could not unplug the reader'),
    remove: () => void act('/emulated/remove', { reader_id }, 'Could not remove the reader'),
  }
}

function useTerminalList(): TerminalSummaryView[] {
  const [terminals, setTerminals] = useState<TerminalSummaryView[]>([])
  useEffect(() => {
    let current = true
    // A missing list only empties the picker; the readers themselves still work.
    getJson<TerminalSummaryView[]>('/terminals').then(
      (list) => current && setTerminals(list),
      () => current && setTerminals([]),
    )
    return () => {
      current = false
    }
  }, [])
  return terminals
}

export function ReadersScreen() {
  const readers = useReaders()
  const terminals = useTerminalList()
  const wallet = useWallet()
  const plug_count = useMemo(() => readers.events.filter((event) => plug_events.has(event.type)).length, [readers.events])
  const hid = useHidDevices(plug_count)
  const list = readers.view?.readers ?? []
  const permission_rule = list.find((reader) => reader.problem?.udev_rule)?.problem?.udev_rule ?? null
  const real_reader_seen = (hid.devices?.devices ?? []).some((device) => !device.emulated && device.known?.readable)
  const add = (format: EmulatedFormatView) => void readers.act('/emulated', { format }, 'Could not add an emulated reader')

  return (
    <>
      <ScreenTitle title="Card readers">
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <Button>Add emulated reader ▾</Button>
          </Menu.Target>
          <Menu.Dropdown>
            {(Object.keys(emulated_format_labels) as EmulatedFormatView[]).map((format) => (
              <Menu.Item key={format} onClick={() => add(format)}>
                {emulated_format_labels[format]}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </ScreenTitle>
      {readers.error && (
        <Alert color="red" mb="sm" title="Could not load the card readers">
          {readers.error}
        </Alert>
      )}
      {readers.stale && !readers.error && (
        <Alert color="yellow" mb="sm" title="Live updates interrupted">
          Reconnecting to the host; the status below may be out of date.
        </Alert>
      )}
      {readers.view?.hid_problem && (
        <Alert color="orange" mb="sm" title="Real USB readers are unavailable on this host">
          {readers.view.hid_problem} Emulated readers still work.
        </Alert>
      )}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Title order={4} mb="xs">
            Readers
          </Title>
          <Stack gap="sm">
            {readers.view !== null && list.length === 0 && (
              <Text fz="sm" c="dimmed">
                No card reader yet. Plug one in (it appears below within a few seconds), or add an emulated reader.
              </Text>
            )}
            {list.map((reader) => (
              <ReaderCard key={reader.reader_id} reader={reader} terminals={terminals} cards={wallet.cards} actions={actionsFor(reader, readers.act)} />
            ))}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="sm">
            <TestSwipePanel events={readers.events} readers={list} />
            <EventList events={readers.events} readers={list} />
          </Stack>
        </Grid.Col>
      </Grid>
      <Title order={4} mt="xl" mb="xs">
        HID devices the host sees
      </Title>
      {hid.error && (
        <Alert color="red" mb="sm">
          {hid.error}
        </Alert>
      )}
      {hid.devices?.hid_problem && hid.devices.hid_problem !== readers.view?.hid_problem && (
        <Alert color="orange" mb="sm">
          {hid.devices.hid_problem}
        </Alert>
      )}
      <Stack gap="md">
        {hid.devices && <HidDeviceTable devices={hid.devices.devices} />}
        {hid.devices && (permission_rule !== null || !real_reader_seen) && <UdevHelp udev={hid.devices.udev} platform={hid.devices.platform} permission_rule={permission_rule} />}
      </Stack>
    </>
  )
}
