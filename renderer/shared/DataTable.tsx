/**
 * The console's one table: TanStack Table for columns and sorting, Mantine markup for looks.
 * Paging is done by the host (it answers {rows, total} for a page), so sorting here only
 * orders the rows of the page on screen. Rows are dense; the table scrolls in its own box,
 * sideways in a narrow window rather than squeezing account numbers, and its header stays
 * in view while the rows scroll under it.
 *
 * A long page (up to 500 rows) is virtualised: only the rows in view and a few around them
 * are in the document, so scrolling stays smooth. The keyboard works the table: Tab reaches
 * the rows, arrow keys, Home, End, PageUp and PageDown move the row focus, and Enter opens
 * the row (its onRowClick, or else the first link in it). A screen may offer "Export CSV" of
 * the rows shown.
 */
import { Box, Button, Group, LoadingOverlay, Pagination, Select, Skeleton, Table, Text, UnstyledButton } from '@mantine/core'
import {
  flexRender,
  getCoreRowModel,
  getSortedRowModel,
  useReactTable,
  type ColumnDef,
  type Row,
  type RowData,
  type SortingState,
} from '@tanstack/react-table'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import { downloadText } from './download'
import { nextRowIndex, toCsv, type CsvValue } from './table-keys'

declare module '@tanstack/react-table' {
  // The type parameters must match TanStack's own declaration for the two to merge.
  interface ColumnMeta<TData extends RowData, TValue> {
    /** Amounts and counts are right-aligned so their digits line up. */
    align?: 'left' | 'right'
    /** The cell as the CSV export writes it; without it, the column's value as it is. */
    csv?: (row: TData) => CsvValue
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
  /** Offers "Export CSV" of the rows on screen, in their on-screen order, under this file name. */
  exportCsv?: { filename: string }
}

export const page_sizes = [25, 50, 100, 200, 500] as const
const skeleton_rows = 5
// Room for the app header, a screen title and a filter row above the table.
const table_height_max = 'calc(100vh - 200px)'
/** From this many rows a page is virtualised; below it every row is in the document. */
export const virtual_rows_from = 100
/** A dense row's height in pixels, for the virtualiser's first guess; rows are then measured. */
const row_height_estimate = 29

export function DataTable<T>({ rows, columns, loading, rowKey, paging, onRowClick, empty, label, minWidth = 800, exportCsv }: DataTableProps<T>) {
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
  const shown = table.getRowModel().rows
  const scroll = useRef<HTMLDivElement>(null)
  const virtual = shown.length >= virtual_rows_from
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroll.current,
    estimateSize: () => row_height_estimate,
    overscan: 12,
    enabled: virtual,
  })

  // The row that holds the table's one tab stop, and the one the keyboard asked to focus.
  const [focus, setFocus] = useState(-1)
  const [focus_wanted, setFocusWanted] = useState<number>()
  const [focus_inside, setFocusInside] = useState(false)
  const focus_index = focus < shown.length ? focus : -1
  useEffect(() => {
    if (focus_wanted === undefined) return
    // A virtual row may only be drawn on the next frame after scrolling to it.
    const frame = requestAnimationFrame(() => {
      scroll.current?.querySelector<HTMLElement>(`tr[data-row-index="${focus_wanted}"]`)?.focus()
      setFocusWanted(undefined)
    })
    return () => cancelAnimationFrame(frame)
  }, [focus_wanted])

  function openRow(row: Row<T>, element: HTMLElement) {
    if (onRowClick) onRowClick(row.original)
    else element.querySelector<HTMLAnchorElement>('a[href]')?.click()
  }

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>) {
    const element = event.target as HTMLElement
    // Keys typed into a button, link or field inside a cell are that control's own.
    if (element.tagName !== 'TR') return
    const current = Number(element.dataset.rowIndex ?? -1)
    if (event.key === 'Enter') {
      const row = shown[current]
      if (row) {
        event.preventDefault()
        openRow(row, element)
      }
      return
    }
    const next = nextRowIndex(event.key, current, shown.length)
    if (next === undefined) return
    event.preventDefault()
    setFocus(next)
    if (virtual) virtualizer.scrollToIndex(next, { align: 'auto' })
    setFocusWanted(next)
  }

  const items = virtual ? virtualizer.getVirtualItems() : []
  const drawn: Array<{ row: Row<T>; index: number }> = virtual
    ? items.flatMap((item) => (shown[item.index] ? [{ row: shown[item.index] as Row<T>, index: item.index }] : []))
    : shown.map((row, index) => ({ row, index }))
  const pad_top = virtual && items.length > 0 ? (items[0]?.start ?? 0) : 0
  const pad_bottom = virtual && items.length > 0 ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0

  function exportShown() {
    if (!exportCsv) return
    const leaves = table.getVisibleLeafColumns()
    const headers = leaves.map((column) => (typeof column.columnDef.header === 'string' ? column.columnDef.header : column.id))
    const lines = shown.map((row) =>
      leaves.map((column) => {
        const csv = column.columnDef.meta?.csv
        if (csv) return csv(row.original)
        const value = row.getValue(column.id)
        return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : value == null ? '' : String(value)
      }),
    )
    downloadText(exportCsv.filename, toCsv(headers, lines), 'text/csv')
  }

  return (
    <Box pos="relative">
      <LoadingOverlay visible={loading && rows !== undefined} zIndex={5} overlayProps={{ blur: 1 }} />
      <Table.ScrollContainer ref={scroll} type="native" minWidth={minWidth} maxHeight={table_height_max}>
        <Table
          aria-label={label}
          aria-rowcount={virtual ? shown.length + 1 : undefined}
          stickyHeader
          striped={!virtual}
          highlightOnHover={onRowClick !== undefined}
          withTableBorder
          verticalSpacing={4}
          horizontalSpacing="sm"
          fz="sm"
        >
          <Table.Thead style={{ zIndex: 2 }}>
            {table.getHeaderGroups().map((group) => (
              <Table.Tr key={group.id}>
                {group.headers.map((header) => {
                  const align = header.column.columnDef.meta?.align ?? 'left'
                  const sorted = header.column.getIsSorted()
                  const title = flexRender(header.column.columnDef.header, header.getContext())
                  return (
                    <Table.Th
                      key={header.id}
                      // Said outright: with the sticky, virtualised layout Chromium reads these as plain cells.
                      role="columnheader"
                      scope="col"
                      ta={align}
                      style={{ whiteSpace: 'nowrap' }}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      {header.column.getCanSort() ? (
                        <UnstyledButton fw={700} fz="sm" onClick={header.column.getToggleSortingHandler()}>
                          {title}
                          <Text span c={sorted ? undefined : 'dimmed'} fz="xs" ml={4} aria-hidden>
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
          <Table.Tbody onKeyDown={onKeyDown}>
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
              : null}
            {pad_top > 0 && <tr aria-hidden style={{ height: pad_top }} />}
            {!(rows === undefined && loading) &&
              drawn.map(({ row, index }) => {
                const tab_stop = index === (focus_index < 0 ? 0 : focus_index)
                const focused = focus_inside && index === focus_index
                return (
                  <Table.Tr
                    key={row.id}
                    ref={virtual ? virtualizer.measureElement : undefined}
                    data-index={index}
                    data-row-index={index}
                    aria-rowindex={virtual ? index + 2 : undefined}
                    tabIndex={tab_stop ? 0 : -1}
                    onFocus={(event) => {
                      if (event.target === event.currentTarget) {
                        setFocus(index)
                        setFocusInside(true)
                      }
                    }}
                    onBlur={() => setFocusInside(false)}
                    onClick={
                      onRowClick
                        ? () => {
                            setFocus(index)
                            onRowClick(row.original)
                          }
                        : undefined
                    }
                    style={{
                      cursor: onRowClick ? 'pointer' : undefined,
                      outline: focused ? '2px solid var(--mantine-color-blue-5)' : 'none',
                      outlineOffset: -2,
                    }}
                  >
                    {row.getVisibleCells().map((cell) => (
                      <Table.Td key={cell.id} ta={cell.column.columnDef.meta?.align ?? 'left'}>
                        {flexRender(cell.column.columnDef.cell, cell.getContext())}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                )
              })}
            {pad_bottom > 0 && <tr aria-hidden style={{ height: pad_bottom }} />}
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
      {(paging || exportCsv) && (
        <Group justify="space-between" mt="xs">
          {paging ? <PagingCount paging={paging} shown={rows?.length ?? 0} /> : <span />}
          <Group gap="sm">
            {exportCsv && (
              <Button variant="default" size="xs" onClick={exportShown} disabled={shown.length === 0}>
                Export CSV
              </Button>
            )}
            {paging && <PagingControls paging={paging} />}
          </Group>
        </Group>
      )}
    </Box>
  )
}

function PagingCount({ paging, shown }: { paging: Paging; shown: number }) {
  const { page, page_size, total } = paging
  const first = total === 0 ? 0 : (page - 1) * page_size + 1
  const last = total === 0 ? 0 : first + shown - 1
  return (
    <Text fz="sm" c="dimmed" style={{ fontVariantNumeric: 'tabular-nums' }}>
      {first}–{last} of {total}
    </Text>
  )
}

function PagingControls({ paging }: { paging: Paging }) {
  const { page, page_size, total, onChange } = paging
  const pages = Math.max(1, Math.ceil(total / page_size))
  return (
    <>
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
    </>
  )
}
