/**
 * The readers' status for the technician's screen, kept live by the reader service's event
 * stream: a 'readers' snapshot after every change (plug, pairing, open, swipe) and each
 * 'reader' event, kept newest first for the test panel and the event list. Actions post to
 * the service and show the status it answers with; a refusal is a notification in the
 * service's words.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { ReaderEventView, ReadersView } from '../../devices/readers/view'
import { notifyError } from '../shared/notify'
import { devices_api, getJson, postJson, TerminalApiError } from '../terminals/api'

/** Enough to scroll back through a test session; older events are dropped. */
export const events_kept_max = 40

export interface ReadersHandle {
  view: ReadersView | null
  error: string | null
  /** The live stream is down; the browser reconnects by itself. */
  stale: boolean
  /** Newest first. */
  events: ReaderEventView[]
  /** Posts to /devices/api/readers<path>; resolves true when the service accepted it. */
  act: (path: string, body: unknown, failure_title: string) => Promise<boolean>
}

export function useReaders(): ReadersHandle {
  const [view, setView] = useState<ReadersView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [stale, setStale] = useState(false)
  const [events, setEvents] = useState<ReaderEventView[]>([])
  const shown = useRef(-1)
  const show = useCallback((next: ReadersView) => {
    if (next.version < shown.current) return
    shown.current = next.version
    setView(next)
  }, [])

  useEffect(() => {
    let current = true
    const load = () =>
      getJson<ReadersView>('/readers').then(
        (next) => current && (show(next), setError(null)),
        (failure: unknown) => {
          if (current) setError(failure instanceof Error ? failure.message : String(failure))
          return failure
        },
      )
    void load()
    const stream = new EventSource(`${devices_api}/readers/events`)
    // A new stream may be from a restarted host whose versions start again at 0; its first snapshot is current by definition.
    stream.onopen = () => {
      shown.current = -1
    }
    stream.addEventListener('readers', (event) => {
      setStale(false)
      show(JSON.parse((event as MessageEvent<string>).data) as ReadersView)
    })
    stream.addEventListener('reader', (event) => {
      const parsed = JSON.parse((event as MessageEvent<string>).data) as ReaderEventView
      setEvents((previous) => [parsed, ...previous].slice(0, events_kept_max))
    })
    stream.onerror = () => {
      setStale(true)
      // A plain request says whether a lost session is why; then reconnecting is pointless.
      void load().then((failure) => {
        if (failure instanceof TerminalApiError && failure.status === 401) stream.close()
      })
    }
    return () => {
      current = false
      stream.close()
    }
  }, [show])

  const act = useCallback(async (path: string, body: unknown, failure_title: string) => {
    try {
      show(await postJson<ReadersView>(`/readers${path}`, body))
      return true
    } catch (failure) {
      notifyError(failure_title, failure)
      return false
    }
  }, [show])

  return { view, error, stale, events, act }
}
