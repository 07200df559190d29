/** Sign-in: username and password; a refusal shows the host's own message under the form. */
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import { call, errorMessage } from '../api/client'
import type { Session } from '../src/session'

interface LoginProps {
  notice?: string
  onSignedIn: (session: Session) => void
}

export function Login({ notice, onSignedIn }: LoginProps) {
  const [username, setUsername] = useState('')
  const [password, setPassword] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  async function submit(event: FormEvent) {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      onSignedIn(await call('session.login', { username: username.trim(), password }))
    } catch (failure) {
      setError(errorMessage(failure))
      setBusy(false)
    }
  }

  return (
    <Center mih="100vh" bg="gray.1">
      <Paper component="form" onSubmit={submit} withBorder shadow="sm" p="xl" w={380}>
        <Stack gap="md">
          <div>
            <Title order={2}>Centavo staff console</Title>
            <Text c="dimmed" fz="sm">
              Sign in with your bank staff account.
            </Text>
          </div>
          {notice && !error && (
            <Alert color="yellow" role="status">
              {notice}
            </Alert>
          )}
          <TextInput
            label="Username"
            autoComplete="username"
            value={username}
            onChange={(event) => setUsername(event.currentTarget.value)}
            required
            autoFocus
          />
          <PasswordInput
            label="Password"
            autoComplete="current-password"
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            required
          />
          {error && (
            <Alert color="red" role="alert" title="Sign-in refused">
              {error}
            </Alert>
          )}
          <Button type="submit" loading={busy} fullWidth>
            Sign in
          </Button>
        </Stack>
      </Paper>
    </Center>
  )
}
