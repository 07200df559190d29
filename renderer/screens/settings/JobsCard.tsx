/**
 * The host's scheduled jobs as an operator checks them: what each does, how often, when it
 * last ran and what it did; "Run now" for the roles allowed to (audited on the host).
 */
import { Alert, Button, Code, Paper, Text, Title } from '@mantine/core'
import type { ColumnDef } from '@tanstack/react-table'
import { useMemo, useState } from 'react'
import type { JobView } from '../../../main/api/console/commands/jobs'
import { call } from '../../api/client'
import { DataTable } from '../../shared/DataTable'
import { StatusBadge } from '../../shared/StatusBadge'
import { notifyError, notifySuccess } from '../../shared/notify'
import { formatTime } from '../../shared/time'
import { useCommand } from '../../shared/useCommand'
import { useMayCall } from '../../src/session'

/** "every 30 s", "every 5 min": the interval as an operator reads it. */
export function everyInWords(every_ms: number): string {
  if (every_ms % 3_600_000 === 0) return `every ${every_ms / 3_600_000} h`
  if (every_ms % 60_000 === 0) return `every ${every_ms / 60_000} min`
  return `every ${Math.round(every_ms / 1000)} s`
}

const nowrap = { whiteSpace: 'nowrap' } as const

export function JobsCard() {
  const may_list = useMayCall('jobs.list')
  const may_run = useMayCall('jobs.run_now')
  const [refresh, setRefresh] = useState(0)
  const [running, setRunning] = useState<string>()
  const jobs = useCommand('jobs.list', {}, { enabled: may_list, refresh })

  const columns = useMemo<ColumnDef<JobView>[]>(
    () => [
      {
        id: 'job',
        header: 'Job',
        accessorFn: (j) => j.name,
        cell: ({ row: { original: j } }) => (
          <div>
            <Text fz="sm" fw={600}>
              {j.name.replaceAll('_', ' ')}
            </Text>
            <Text fz="xs" c="dimmed">
              {j.description}
            </Text>
          </div>
        ),
      },
      {
        id: 'every',
        header: 'Runs',
        accessorFn: (j) => j.every_ms,
        cell: ({ row }) => (
          <Text span fz="sm" style={nowrap}>
            {everyInWords(row.original.every_ms)}
          </Text>
        ),
      },
      {
        id: 'last',
        header: 'Last run (since start)',
        accessorFn: (j) => j.last_run_at ?? '',
        cell: ({ row: { original: j } }) =>
          j.last_run_at ? (
            <Text span fz="sm">
              {formatTime(j.last_run_at)} <StatusBadge status={j.last_status ?? 'done'} />
            </Text>
          ) : (
            <Text span fz="sm" c="dimmed">
              not yet
            </Text>
          ),
      },
      {
        id: 'did',
        header: 'What it did',
        enableSorting: false,
        cell: ({ row: { original: j } }) =>
          j.last_outcome_json && j.last_outcome_json !== '{}' ? <Code fz="xs">{j.last_outcome_json}</Code> : <Text span fz="sm" c="dimmed" style={nowrap}>
              nothing to do
            </Text>,
      },
      {
        id: 'recorded',
        header: 'Last recorded work',
        accessorFn: (j) => j.last_recorded_at ?? '',
        cell: ({ row }) => (row.original.last_recorded_at ? formatTime(row.original.last_recorded_at) : '—'),
      },
      ...(may_run
        ? [
            {
              id: 'run',
              header: '',
              enableSorting: false,
              meta: { align: 'right' },
              cell: ({ row: { original: j } }) => (
                <Button
                  size="compact-sm"
                  variant="light"
                  loading={running === j.name}
                  aria-label={`Run ${j.name.replaceAll('_', ' ')} now`}
                  onClick={async () => {
                    setRunning(j.name)
                    try {
                      const ran = await call('jobs.run_now', { name: j.name })
                      notifySuccess(`Ran ${j.name.replaceAll('_', ' ')}`, ran.outcome_json === '{}' ? 'Nothing was due.' : ran.outcome_json)
                    } catch (error) {
                      notifyError(`Could not run ${j.name.replaceAll('_', ' ')}`, error)
                    } finally {
                      setRunning(undefined)
                      setRefresh((n) => n + 1)
                    }
                  }}
                >
                  Run now
                </Button>
              ),
            } satisfies ColumnDef<JobView>,
          ]
        : []),
    ],
    [may_run, running],
  )

  if (!may_list) return null
  return (
    <Paper component="section" aria-label="Scheduled jobs" withBorder p="md" mt="lg">
      <Title order={4} mb={4}>
        Scheduled jobs
      </Title>
      <Text fz="sm" c="dimmed" mb="sm">
        The host runs these on its own. Each is keyed by its data, so a restart neither repeats nor skips a period.
      </Text>
      {jobs.error && (
        <Alert color="red" mb="sm" title="Could not load the jobs">
          {jobs.error}
        </Alert>
      )}
      <DataTable label="Scheduled jobs" minWidth={800} rows={jobs.data?.rows} columns={columns} loading={jobs.loading} rowKey={(j) => j.name} empty="No jobs are scheduled." />
    </Paper>
  )
}
