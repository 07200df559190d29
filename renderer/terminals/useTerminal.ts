/**
 * One terminal's live view for a screen: loaded once, then kept current by the service's
 * event stream (a view after every change: the host's answer arriving, a timeout, the link
 * dropping). Actions post to the service and show the view it answers with. A view older
 * than the one shown (by `version`) is ignored, so a late answer never rolls the screen back.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import type { TerminalKey, TerminalView } from '../../devices/terminals/view'
import { devices_api, getJson, postJson, TerminalApiError } from './api'

/** Presses and clicks waiting to be sent; more means the host is not answering and more would only pile up. */
export const actions_queued_max = 32

export type SupervisorRequest =
  | { action: 'enter' | 'exit' | 'reset_counters' | 'reconnect' }
  | { action: 'load_cassettes'; cassettes: Array<{ denomination_minor: number; count: number }> }
  | { action: 'set_fault'; slot: number; jam_after_notes: number | null }

export interface TerminalHandle {
  view: TerminalView | null
  /** The last refusal or failure, in the service's words; cleared by the next success. */
  error: string | null
  /** The live stream is down (the view may be stale); it reconnects by itself. */
  stale: boolean
  press: (key: TerminalKey) => void
  insertCard: (label: string) => void
  take: (item: 'card' | 'cash' | 'receipt') => void
  supervisor: (request: SupervisorRequest) => void
}

export function useTerminal(terminal_id: string): TerminalHandle {
  const [view, setView] = useState<TerminalView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [stale, setStale] = useState(false)
  const shown = useRef(-1)
  const path = `/terminals/${encodeURIComponent(terminal_id)}`

  const show = useCallback((next: TerminalView) => {
    if (next.version < shown.current) return
    shown.current = next.version
    setView(next)
  }, [])

  useEffect(() => {
    shown.current = -1
    setView(null)
    setError(null)
    getJson<TerminalView>(path).then(show, (failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)))
    const events = new EventSource(`${devices_api}${path}/events`)
    events.addEventListener('view', (event) => {
      setStale(false)
      show(JSON.parse((event as MessageEvent<string>).data) as TerminalView)
    })
    events.onerror = () => {
      setStale(true)
      // The browser reconnects by itself; a plain request says whether the session is the reason.
      getJson<TerminalView>(path).then(show, (failure: unknown) => {
        if (failure instanceof TerminalApiError && failure.status === 401) events.close()
      })
    }
    return () => events.close()
  }, [path, show])

  // Actions go one after another: two key presses sent at once could overtake each other on
  // separate connections and turn a PIN of 1234 into 1324.
  const queue = useRef<{ tail: Promise<void>; waiting: number }>({ tail: Promise.resolve(), waiting: 0 })
  const act = useCallback(
    (suffix: string, body: unknown) => {
      const line = queue.current
      if (line.waiting >= actions_queued_max) {
        setError('Too many presses at once: wait for the terminal to catch up.')
        return
      }
      line.waiting++
      line.tail = line.tail.then(() =>
        postJson<TerminalView>(`${path}${suffix}`, body).then(
          (next) => {
            line.waiting--
            setError(null)
            show(next)
          },
          (failure: unknown) => {
            line.waiting--
            setError(failure instanceof Error ? failure.message : String(failure))
          },
        ),
      )
    },
    [path, show],
  )

  return {
    view,
    error,
    stale,
    press: useCallback((key: TerminalKey) => act('/keys', { key }), [act]),
    insertCard: useCallback((label: string) => act('/card', { label }), [act]),
    take: useCallback((item: 'card' | 'cash' | 'receipt') => act('/take', { item }), [act]),
    supervisor: useCallback((request: SupervisorRequest) => act('/supervisor', request), [act]),
  }
}
