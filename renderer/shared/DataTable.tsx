/**
 * The console's one table: TanStack Table for columns and sorting, Mantine markup for looks.
 * Paging is done by the host (it answers {rows, total} for a page), so sorting here only
 * orders the rows of the page on screen. Rows are dense; the table scrolls in its own box,
 * sideways in a narrow window rather than squeezing account numbers, and its header stays
 * in view while the rows scroll under it.
 */
import { Box, Group, LoadingOverlay, Pagination, Select, Skeleton, Table, Text, UnstyledButton } from '@mantine/core'
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from '@tanstack/react-table'
import { useState } from 'react'

declare module '@tanstack/react-table' {
  // The type parameters must match TanStack's own declaration for the two to merge.
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Amounts and counts are right-aligned so their digits line up. */
    align?: 'left' | 'right'
  }
}

export interface Paging {
  page: number
  page_size: number
  total: number
  onChange: (page: number, page_size: number) => void
}

interface DataTableProps<T> {
  rows: readonly T[] | undefined
  columns: ColumnDef<T>[]
  loading: boolean
  rowKey: (row: T) => string
  paging?: Paging
  onRowClick?: (row: T) => void
  empty: string
  label: string
  /** Below this width the table scrolls sideways instead of wrapping its cells ever tighter. */
  minWidth?: number
}

export const page_sizes = [25, 50, 100, 200] as const
const skeleton_rows = 5
// Room for the app header, a screen title and a filter row above the table.
const table_height_max = 'calc(100vh - 200px)'

export function DataTable<T>({ rows, columns, loading, rowKey, paging, onRowClick, empty, label, minWidth = 800 }: DataTableProps<T>) {
  const [sorting, setSorting] = useState<SortingState>([])
  const table = useReactTable<T>({
    data: rows ? [...rows] : [],
    columns,
    state: { sorting },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    manualPagination: true,
    getRowId: (row) => rowKey(row),
  })

  return (
    <Box pos="relative">
      <LoadingOverlay visible={loading && rows !== undefined} zIndex={5} overlayProps={{ blur: 1 }} />
      <Table.ScrollContainer type="native" minWidth={minWidth} maxHeight={table_height_max}>
        <Table
          aria-label={label}
          stickyHeader
          striped
          highlightOnHover={onRowClick !== undefined}
          withTableBorder
          verticalSpacing={4}
          horizontalSpacing="sm"
          fz="sm"
        >
          <Table.Thead>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => {
                  const align = header.column.columnDef.meta?.align ?? 'left'
                  const sorted = header.column.getIsSorted()
                  const title = flexRender(header.column.columnDef.header, header.getContext())
                  return (
                    <Table.Th
                      key={header.id}
                      ta={align}
                      style={{ whiteSpace: 'nowrap' }}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <UnstyledButton fw={700} fz="sm" onClick={header.column.getToggleSortingHandler()}>
                          {title}
                          <Text span c={sorted ? undefined : 'dimmed'} fz="xs" ml={4}>
                            {sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : '↕'}
                          </Text>
                        </UnstyledButton>
                      ) : (
                        title
                      )}
                    </Table.Th>
                  )
                })}
              </Table.Tr>
            ))}
          </Table.Thead>
          <Table.Tbody>
            {rows === undefined && loading
              ? Array.from({ length: skeleton_rows }, (_, i) => (
                  <Table.Tr key={`skeleton-${i}`}>
                    {columns.map((_, j) => (
                      <Table.Td key={j}>
                        <Skeleton height={14} my={4} />
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))
              : table.getRowModel().rows.map((row) => (
                  <Table.Tr
                    key={row.id}
                    onClick={onRowClick ? () => onRowClick(row.original) : undefined}
                    style={onRowClick ? { cursor: 'pointer' } : undefined}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <Table.Td key={cell.id} ta={cell.column.columnDef.meta?.align ?? 'left'}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
            {rows !== undefined && rows.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={columns.length}>
                  <Text c="dimmed" fz="sm" py="sm" ta="center">
                    {empty}
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {paging && <PagingBar paging={paging} shown={rows?.length ?? 0} />}
    </Box>
  )
}

function PagingBar({ paging, shown }: { paging: Paging; shown: number }) {
  const { page, page_size, total, onChange } = paging
  const pages = Math.max(1, Math.ceil(total / page_size))
  const first = total === 0 ? 0 : (page - 1) * page_size + 1
  const last = total === 0 ? 0 : first + shown - 1
  return (
    <Group justify="space-between" mt="xs">
      <Text fz="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {first}–{last} of {total}
      </Text>
      <Group gap="sm">
        <Select
          aria-label="Rows per page"
          size="xs"
          w={90}
          data={page_sizes.map(String)}
          value={String(page_size)}
          allowDeselect={false}
          onChange={(value) => value && onChange(1, Number(value))}
        />
        <Pagination size="sm" total={pages} value={Math.min(page, pages)} onChange={(next) => onChange(next, page_size)} />
      </Group>
    </Group>
  )
}
