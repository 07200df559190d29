/**
 * Page and page size for a host-paged list. A new filter starts again at page 1 in the same
 * render, so the host is never asked for page 7 of a search that has one page.
 */
import { useState } from 'react'

export interface PagingState {
  page: number
  page_size: number
  setPage: (page: number, page_size: number) => void
}

/** `filter_key` is any string that changes when the list's filters change. */
export function usePaging(filter_key: string, initial_page_size = 50): PagingState {
  const [state, setState] = useState({ page: 1, page_size: initial_page_size, filter_key })
  // React's "adjust state while rendering" pattern: no extra effect and no stale request.
  if (state.filter_key !== filter_key) setState({ ...state, page: 1, filter_key })
  return {
    page: state.filter_key === filter_key ? state.page : 1,
    page_size: state.page_size,
    setPage: (page, page_size) => setState({ page, page_size, filter_key }),
  }
}
