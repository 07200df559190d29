/** The staff console's entry: Mantine's theme and notifications around the App. */
import './zod-config'
import '@mantine/core/styles.css'
import '@mantine/notifications/styles.css'
import { MantineProvider, createTheme } from '@mantine/core'
import { Notifications } from '@mantine/notifications'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'

// System fonts only: the host's Content-Security-Policy allows no font downloads, and none are needed.
const theme = createTheme({
  primaryColor: 'indigo',
  defaultRadius: 'sm',
})

const root = document.getElementById('root')
if (root === null) throw new Error('index.html has no #root element')

createRoot(root).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="light">
      {/* Bottom right: at the top they would cover the header's "Sign out" and screen actions. */}
      <Notifications position="bottom-right" limit={5} />
      <App />
    </MantineProvider>
  </StrictMode>,
)
