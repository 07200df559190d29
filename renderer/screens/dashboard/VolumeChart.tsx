/**
 * The last 30 days per currency: micropayments and credit purchases stacked (together they
 * are the day's approved purchases), and the top-ups micropayments caused as a line.
 */
import { Paper, Text, Title } from '@mantine/core'
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'
import type { CurrencyDashboardView } from '../../../main/api/console/commands/dashboard'
import { formatAmount } from '../../shared/Amount'
import { axisLabel, chartMax, chartPoints } from './chart-data'

const series = {
  micropayment_minor: { name: 'Micropayments', color: 'var(--mantine-color-teal-6)' },
  credit_minor: { name: 'Credit purchases', color: 'var(--mantine-color-blue-6)' },
  top_up_minor: { name: 'Top-ups', color: 'var(--mantine-color-orange-6)' },
} as const

export function VolumeChart({ view }: { view: CurrencyDashboardView }) {
  const points = chartPoints(view)
  const max_minor = chartMax(points)
  const quiet = points.every((p) => p.micropayment_minor === 0 && p.credit_minor === 0 && p.top_up_minor === 0)
  return (
    <Paper withBorder p="md" radius="md" role="figure" aria-label={`Last 30 days, ${view.currency}`}>
      <Title order={4} mb={4}>
        Last 30 days
      </Title>
      <Text fz="xs" c="dimmed" mb="sm">
        Approved purchases per day (UTC) in {view.currency}, micropayments and credit purchases stacked; top-ups from credit as a line.
      </Text>
      {quiet ? (
        <Text fz="sm" c="dimmed" py="xl" ta="center">
          No approved purchases in {view.currency} in the last 30 days.
        </Text>
      ) : (
        <ResponsiveContainer width="100%" height={280}>
          <ComposedChart data={points} margin={{ top: 4, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="label" fontSize={11} interval="preserveStartEnd" minTickGap={12} />
            <YAxis
              fontSize={11}
              width={64}
              allowDecimals={false}
              tickFormatter={(tick: number) => axisLabel(tick, view.exponent, max_minor)}
              label={{ value: view.currency, angle: -90, position: 'insideLeft', fontSize: 11 }}
            />
            <Tooltip
              formatter={(value, name) => [formatAmount(Number(value), view.exponent, view.currency), name]}
              labelFormatter={(label) => String(label)}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="micropayment_minor" stackId="purchases" name={series.micropayment_minor.name} fill={series.micropayment_minor.color} isAnimationActive={false} />
            <Bar dataKey="credit_minor" stackId="purchases" name={series.credit_minor.name} fill={series.credit_minor.color} isAnimationActive={false} />
            <Line dataKey="top_up_minor" name={series.top_up_minor.name} stroke={series.top_up_minor.color} strokeWidth={2} dot={false} isAnimationActive={false} />
          </ComposedChart>
        </ResponsiveContainer>
      )}
    </Paper>
  )
}
