/** Success and failure notices in one look across screens; failures show the host's words. */
import { notifications } from '@mantine/notifications'
import { errorMessage } from '../api/client'

export function notifyError(title: string, error: unknown): void {
  notifications.show({ color: 'red', title, message: errorMessage(error), autoClose: 10_000 })
}

export function notifySuccess(title: string, message: string): void {
  notifications.show({ color: 'green', title, message, autoClose: 6_000 })
}
