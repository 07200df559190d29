/** Every HID device the host sees, with the ones Centavo can read marked: a technician's first check that the reader is there at all. */
import { Badge, Group, Paper, Table, Text, Tooltip } from '@mantine/core'
import type { HidDeviceView } from '../../devices/readers/view'
import { hex4 } from './format'

function KnownBadge({ device }: { device: HidDeviceView }) {
  const { known } = device
  if (known === null) {
    return (
      <Badge color="gray" variant="outline" radius="sm">
        not a known reader
      </Badge>
    )
  }
  if (!known.readable) {
    return (
      <Tooltip label={known.unsupported_reason} multiline maw={320}>
        <Badge color="orange" variant="light" radius="sm">
          known: {known.vendor}, cannot read
        </Badge>
      </Tooltip>
    )
  }
  return (
    <Badge color="green" variant="light" radius="sm">
      known: {known.vendor} {known.model.replace(/^USB /, '')}
    </Badge>
  )
}

export function HidDeviceTable({ devices }: { devices: HidDeviceView[] }) {
  return (
    <Paper withBorder radius="md">
      <Table aria-label="HID devices" verticalSpacing="xs" fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Vendor ID</Table.Th>
            <Table.Th>Product ID</Table.Th>
            <Table.Th>Product</Table.Th>
            <Table.Th>Manufacturer</Table.Th>
            <Table.Th>Serial number</Table.Th>
            <Table.Th>Interface</Table.Th>
            <Table.Th>Usage page</Table.Th>
            <Table.Th>Card reader?</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {devices.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={8}>
                <Text c="dimmed" fz="sm">
                  The host sees no HID devices at all. See below for what to check.
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {devices.map((device) => (
            <Table.Tr key={device.reader_id}>
              <Table.Td ff="monospace">{hex4(device.vendor_id)}</Table.Td>
              <Table.Td ff="monospace">{hex4(device.product_id)}</Table.Td>
              <Table.Td>{device.product || '—'}</Table.Td>
              <Table.Td>{device.manufacturer || '—'}</Table.Td>
              <Table.Td>
                {device.serial_number ?? (
                  <Text span fz="sm" c="dimmed">
                    none
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{device.interface_number}</Table.Td>
              <Table.Td ff="monospace">{hex4(device.usage_page)}</Table.Td>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <KnownBadge device={device} />
                  {device.emulated && (
                    <Badge color="violet" variant="light" radius="sm">
                      emulated
                    </Badge>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}
