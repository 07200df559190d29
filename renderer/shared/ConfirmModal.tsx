/**
 * A question before an action that is hard to undo (report a card lost, re-key a terminal):
 * what will happen in words, Cancel, and a button named after the action. The host's refusal
 * shows inside the dialog, which stays open so the clerk sees why nothing happened.
 */
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core'
import { useState, type ReactNode } from 'react'
import { errorMessage } from '../api/client'

interface ConfirmModalProps {
  opened: boolean
  title: string
  /** What the action does and what it cannot undo. */
  children: ReactNode
  /** The confirm button's words: the action itself ("Report lost"), never "OK". */
  confirm: string
  color?: string
  /** Resolves when the host has done it; the caller then closes the dialog. */
  onConfirm: () => Promise<void>
  onClose: () => void
}

export function ConfirmModal({ opened, title, children, confirm, color = 'red', onConfirm, onClose }: ConfirmModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title={title}>
      {opened && (
        <ConfirmBody confirm={confirm} color={color} onConfirm={onConfirm} onCancel={onClose}>
          {children}
        </ConfirmBody>
      )}
    </Modal>
  )
}

interface ConfirmBodyProps {
  children: ReactNode
  confirm: string
  color: string
  onConfirm: () => Promise<void>
  onCancel: () => void
}

function ConfirmBody({ children, confirm, color, onConfirm, onCancel }: ConfirmBodyProps) {
  const [busy, setBusy] = useState(false)
  const [refusal, setRefusal] = useState<string>()

  async function go() {
    if (busy) return
    setBusy(true)
    setRefusal(undefined)
    try {
      await onConfirm()
    } catch (failure) {
      setRefusal(errorMessage(failure))
      setBusy(false)
    }
  }

  return (
    <Stack gap="sm">
      <Text fz="sm" component="div">
        {children}
      </Text>
      {refusal && (
        <Alert color="red" role="alert" title={`${confirm} refused`}>
          {refusal}
        </Alert>
      )}
      <Group justify="flex-end">
        <Button variant="default" onClick={onCancel} data-autofocus>
          Cancel
        </Button>
        <Button color={color} loading={busy} onClick={go}>
          {confirm}
        </Button>
      </Group>
    </Stack>
  )
}
