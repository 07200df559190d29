/**
 * The console's top level: ask the host whether a session exists, show sign-in until one does,
 * then the shell. When any call finds the session gone, return to sign-in and say why.
 */
import { Center, Loader } from '@mantine/core'
import { useEffect, useState } from 'react'
import { call, onSessionExpired, session_expired_message } from '../api/client'
import { Login } from '../screens/Login'
import { Shell } from '../screens/Shell'
import { SessionContext, type Session } from './session'

type State = { kind: 'checking' } | { kind: 'signed_out'; notice?: string } | { kind: 'signed_in'; session: Session }

export function App() {
  const [state, setState] = useState<State>({ kind: 'checking' })

  useEffect(() => {
    let current = true
    // No session yet is the normal start, so a refusal here is not an error to show.
    call('session.me', {}).then(
      (session) => current && setState({ kind: 'signed_in', session }),
      () => current && setState({ kind: 'signed_out' }),
    )
    return () => {
      current = false
    }
  }, [])

  useEffect(
    () =>
      onSessionExpired(() =>
        setState((previous) =>
          previous.kind === 'signed_in' ? { kind: 'signed_out', notice: session_expired_message } : previous,
        ),
      ),
    [],
  )

  switch (state.kind) {
    case 'checking':
      return (
        <Center h="100vh">
          <Loader aria-label="Loading" />
        </Center>
      )
    case 'signed_out':
      return <Login notice={state.notice} onSignedIn={(session) => setState({ kind: 'signed_in', session })} />
    case 'signed_in':
      return (
        <SessionContext.Provider value={state.session}>
          <Shell onSignedOut={() => setState({ kind: 'signed_out' })} />
        </SessionContext.Provider>
      )
  }
}
