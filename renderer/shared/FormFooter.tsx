/**
 * The end of a modal form: the host's refusal as a red alert (the form stays open so the clerk
 * sees why), then Cancel and the submit button, named after the action, spinning while the
 * host works. Place it as the last child of the form's Stack.
 */
import { Alert, Button, Group, type MantineSpacing } from '@mantine/core'

export interface FormFailure {
  title: string
  message: string
}

interface FormFooterProps {
  /** The submit button's words: the action itself ("Fund", "Issue card"). */
  submit: string
  busy: boolean
  failure: FormFailure | undefined
  onCancel: () => void
  /** Extra room above the buttons, for a long form. */
  mt?: MantineSpacing
}

export function FormFooter({ submit, busy, failure, onCancel, mt }: FormFooterProps) {
  return (
    <>
      {failure && (
        <Alert color="red" role="alert" title={failure.title}>
          {failure.message}
        </Alert>
      )}
      <Group justify="flex-end" mt={mt}>
        <Button variant="default" onClick={onCancel}>
          Cancel
        </Button>
        <Button type="submit" loading={busy}>
          {submit}
        </Button>
      </Group>
    </>
  )
}
