/**
 * The dashboard, where back-office staff land: per currency, today's and this month's
 * approved purchases (micropayments against credit purchases, and the top-ups they caused),
 * the last 30 days as a chart, the month's top merchants, and what needs attention —
 * settlements due, bills overdue, open disputes. Days are UTC, as the host keeps them.
 */
import { Alert, Anchor, Button, Grid, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import type { CurrencyDashboardView } from '../../../main/api/console/commands/dashboard'
import { formatMinor } from '../../../main/ledger/money'
import { Amount, tabular } from '../../shared/Amount'
import { DataTable } from '../../shared/DataTable'
import { routeHash, type Route } from '../../shared/route'
import { ScreenTitle } from '../../shared/ScreenTitle'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { useSession } from '../../src/session'
import { navItemsFor } from '../navigation'
import { VolumeChart } from './VolumeChart'

type Volume = CurrencyDashboardView['today']
type Figure = Volume['purchases']
type TopMerchant = CurrencyDashboardView['top_merchants'][number]

const volume_rows = [
  { key: 'purchases', label: 'Approved purchases' },
  { key: 'micropayments', label: 'Micropayments' },
  { key: 'credit_purchases', label: 'Credit purchases' },
  { key: 'top_ups', label: 'Top-ups from credit' },
] as const satisfies ReadonlyArray<{ key: keyof Volume; label: string }>

function VolumeCard({ title, note, volume, view }: { title: string; note: string; volume: Volume; view: CurrencyDashboardView }) {
  return (
    <Paper withBorder p="md" radius="md" role="region" aria-label={`${title}, ${view.currency}`}>
      <Group justify="space-between" align="baseline" mb={4}>
        <Title order={4}>{title}</Title>
        <Text fz="xs" c="dimmed">
          {note}
        </Text>
      </Group>
      <Table verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th ta="right">Count</Table.Th>
            <Table.Th ta="right">Amount</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {volume_rows.map((row) => (
            <Table.Tr key={row.key} fw={row.key === 'purchases' ? 700 : undefined}>
              <Table.Td>{row.label}</Table.Td>
              <Table.Td ta="right" style={tabular}>
                {volume[row.key].count.toLocaleString('en-US')}
              </Table.Td>
              <Table.Td ta="right">
                <Amount minor={volume[row.key].amount_minor} exponent={view.exponent} currency={view.currency} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  )
}

/** One thing that needs attention: its count, its amount, and where to deal with it. */
function AttentionCard({ title, figure, view, empty, link }: { title: string; figure: Figure; view: CurrencyDashboardView; empty: string; link?: Route | undefined }) {
  return (
    <Paper withBorder p="md" radius="md" role="region" aria-label={`${title}, ${view.currency}`}>
      <Group justify="space-between" align="baseline">
        <Text fz="xs" c="dimmed" tt="uppercase" fw={600}>
          {title}
        </Text>
        {link && (
          <Anchor href={routeHash(link)} fz="xs">
            Open
          </Anchor>
        )}
      </Group>
      <Group justify="space-between" align="baseline" mt="xs" wrap="nowrap">
        <Text fz={28} fw={700} style={tabular} c={figure.count > 0 ? undefined : 'dimmed'}>
          {figure.count.toLocaleString('en-US')}
        </Text>
        <Amount minor={figure.amount_minor} exponent={view.exponent} currency={view.currency} fz="lg" fw={600} c={figure.count > 0 ? undefined : 'dimmed'} />
      </Group>
      {figure.count === 0 && (
        <Text fz="xs" c="dimmed">
          {empty}
        </Text>
      )}
    </Paper>
  )
}

function merchantColumns(view: CurrencyDashboardView): ColumnDef<TopMerchant>[] {
  return [
    { id: 'rank', header: '#', accessorFn: (m) => view.top_merchants.indexOf(m) + 1, meta: { align: 'right' }, enableSorting: false },
    { id: 'name', header: 'Merchant', accessorFn: (m) => m.name },
    { id: 'count', header: 'Purchases', accessorFn: (m) => m.count, meta: { align: 'right' }, cell: ({ row }) => <span style={tabular}>{row.original.count.toLocaleString('en-US')}</span> },
    {
      id: 'amount',
      header: 'Amount',
      accessorFn: (m) => m.amount_minor,
      // The CSV carries major units from the integers, without thousands separators.
      meta: { align: 'right', csv: (m) => formatMinor(m.amount_minor, view.exponent).replaceAll(',', '') },
      cell: ({ row }) => <Amount minor={row.original.amount_minor} exponent={view.exponent} currency={view.currency} />,
    },
  ]
}

function CurrencySection({ view, screens, several, month }: { view: CurrencyDashboardView; screens: Set<Route['screen']>; several: boolean; month: string }) {
  const linkTo = (screen: 'settlement' | 'bills' | 'disputes'): Route | undefined => (screens.has(screen) ? { screen } : undefined)
  return (
    <Stack gap="md">
      {several && <Title order={3}>{view.currency}</Title>}
      <SimpleGrid cols={{ base: 1, md: 3 }}>
        <AttentionCard title="Settlements due" figure={view.settlements_due} view={view} empty="No merchant is due a settlement." link={linkTo('settlement')} />
        <AttentionCard title="Bills overdue" figure={view.bills_overdue} view={view} empty="Every bill past its due date is paid." link={linkTo('bills')} />
        <AttentionCard title="Open disputes" figure={view.open_disputes} view={view} empty="No dispute waits for a decision." link={linkTo('disputes')} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <VolumeCard title="Today" note="since 00:00 UTC" volume={view.today} view={view} />
        <VolumeCard title="This month" note="since the 1st, UTC" volume={view.month} view={view} />
      </SimpleGrid>
      <Grid>
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <VolumeChart view={view} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
        <Paper withBorder p="md" radius="md" h="100%">
          <Title order={4} mb="sm">
            Top merchants this month
          </Title>
          <DataTable
            label={`Top merchants this month, ${view.currency}`}
            minWidth={320}
            rows={view.top_merchants}
            columns={merchantColumns(view)}
            loading={false}
            rowKey={(m) => String(m.merchant_id)}
            empty="No approved purchases this month yet."
            exportCsv={{ filename: `top-merchants-${view.currency}-${month}.csv` }}
          />
        </Paper>
        </Grid.Col>
      </Grid>
    </Stack>
  )
}

export function DashboardScreen() {
  const { staff } = useSession()
  const screens = new Set(navItemsFor(staff.role).map((item) => item.route.screen))
  const answer = useCommand('dashboard.get', {})
  const data = answer.data
  return (
    <>
      <ScreenTitle title="Dashboard">
        <Button variant="default" onClick={answer.reload} loading={answer.loading && data !== undefined}>
          Reload
        </Button>
      </ScreenTitle>
      {data && (
        <Text fz="sm" c="dimmed" mb="md">
          As of {formatTime(data.as_of)}. Today and this month are counted in UTC days.
        </Text>
      )}
      {answer.error && (
        <Alert color="red" mb="sm" title="Could not load the dashboard">
          {answer.error}
        </Alert>
      )}
      {!data && answer.loading && <Skeleton height={320} radius="md" />}
      {data && data.currencies.length === 0 && (
        <Alert color="gray" title="Nothing to show yet">
          The bank holds no accounts yet: open customers and merchants, and their purchases appear here.
        </Alert>
      )}
      <Stack gap="xl">
        {data?.currencies.map((view) => (
          <CurrencySection key={view.currency} view={view} screens={screens} several={data.currencies.length > 1} month={data.month_start.slice(0, 7)} />
        ))}
      </Stack>
    </>
  )
}
