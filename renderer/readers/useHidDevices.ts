/**
 * The HID devices the host sees. Real devices come and go without telling the screen, so
 * the list is asked for again on a short bounded interval, and at once when the reader
 * stream reports a plug or unplug (`refresh_key` changes).
 */
import { useEffect, useState } from 'react'
import type { HidDevicesView } from '../../devices/readers/view'
import { getJson } from '../terminals/api'

/** The host notices a plug within about two seconds; looking again every three keeps up with it. */
export const device_refresh_ms = 3_000

export function useHidDevices(refresh_key: number): { devices: HidDevicesView | null; error: string | null } {
  const [devices, setDevices] = useState<HidDevicesView | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    let current = true
    const load = () =>
      getJson<HidDevicesView>('/readers/hid-devices').then(
        (next) => current && (setDevices(next), setError(null)),
        (failure: unknown) => current && setError(failure instanceof Error ? failure.message : String(failure)),
      )
    void load()
    const timer = setInterval(() => void load(), device_refresh_ms)
    return () => {
      current = false
      clearInterval(timer)
    }
  }, [refresh_key])
  return { devices, error }
}
