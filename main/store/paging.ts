import type { Database } from 'better-sqlite3'

export interface Page {
  page: number
  page_size: number
}

/**
 * One page of a list query, with the total the screens need for their pager. `from` is
 * everything after SELECT's column list up to (not including) ORDER BY: the FROM, the
 * joins and the WHERE, with named parameters only.
 */
export function pageOf<Row>(
  db: Database,
  query: {
    select: string
    from: string
    /** A leaner FROM for counting, without joins that only add columns. */
    count_from?: string
    order_by: string
    params: Record<string, string | number>
  },
  page: Page,
): { rows: Row[]; total: number } {
  const { total } = db.prepare(`SELECT count(*) AS total ${query.count_from ?? query.from}`).get(query.params) as { total: number }
  const rows = db
    .prepare(`SELECT ${query.select} ${query.from} ORDER BY ${query.order_by} LIMIT @page_limit OFFSET @page_offset`)
    .all({ ...query.params, page_limit: page.page_size, page_offset: (page.page - 1) * page.page_size }) as Row[]
  return { rows, total }
}
