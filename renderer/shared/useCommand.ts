/**
 * Loads one command's answer for a screen: loading, data, the host's error message, and a
 * reload. A newer request always wins, so a slow answer to an old search never overwrites
 * the answer to the new one.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import type { CommandInput, CommandOutput, ConsoleCommand } from '../../main/api/console/contract'
import { call, errorMessage } from '../api/client'

export interface CommandState<C extends ConsoleCommand> {
  data: CommandOutput<C> | undefined
  error: string | undefined
  loading: boolean
  reload: () => void
}

export interface CommandOptions {
  /** False skips the call, e.g. when the role may not make it. */
  enabled?: boolean
  /** Any change calls the host again, e.g. a counter the parent bumps after moving money. */
  refresh?: number
}

export function useCommand<C extends ConsoleCommand>(
  command: C,
  input: CommandInput<C>,
  { enabled = true, refresh = 0 }: CommandOptions = {},
): CommandState<C> {
  const [data, setData] = useState<CommandOutput<C>>()
  const [error, setError] = useState<string>()
  const [loading, setLoading] = useState(enabled)
  const [reloads, setReloads] = useState(0)
  const latest = useRef(0)
  // Keyed by value on purpose: screens build the input inline on every render, and a new
  // object with the same content must not call the host again.
  const key = JSON.stringify(input)
  const stable_input = useMemo(() => input, [key])

  useEffect(() => {
    if (!enabled) {
      setLoading(false)
      return
    }
    const request = ++latest.current
    setLoading(true)
    call(command, stable_input).then(
      (answer) => {
        if (request !== latest.current) return
        setData(answer)
        setError(undefined)
        setLoading(false)
      },
      (failure: unknown) => {
        if (request !== latest.current) return
        setError(errorMessage(failure))
        setLoading(false)
      },
    )
  }, [command, stable_input, enabled, reloads, refresh])

  const reload = useCallback(() => setReloads((n) => n + 1), [])
  return { data, error, loading, reload }
}
