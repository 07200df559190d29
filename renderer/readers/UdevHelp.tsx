/**
 * What to do when no reader appears, or one appears and cannot be opened: on Linux a
 * non-root account needs a udev rule for the reader's vendor and membership of the group
 * the rule names. Everything is ready to copy: the rule, the command that reloads the
 * rules, and the command that joins the group.
 */
import { Alert, Code, List, Stack, Text } from '@mantine/core'
import type { UdevHelpView } from '../../devices/readers/view'
import { CopyBlock } from './CopyBlock'

export function UdevHelp({
  udev,
  platform,
  permission_rule,
}: {
  udev: UdevHelpView
  platform: string
  /** The rule for a reader that was refused, when one was: only its vendor's line is needed then. */
  permission_rule: string | null
}) {
  const title = permission_rule !== null ? 'Permission denied: this account may not open the reader' : 'No USB card reader in the list?'
  const rules = permission_rule ?? udev.rules.map((rule) => rule.rule).join('\n')
  return (
    // Alert sets its own role, so the region a test or a screen reader finds is a wrapper.
    <div role="region" aria-label="Reader setup help">
      <Alert color={permission_rule !== null ? 'red' : 'blue'} variant="light" title={title}>
        <Stack gap="sm">
          <Text fz="sm">Plug the reader in and wait two or three seconds: the list above refreshes by itself.</Text>
          {platform === 'linux' ? (
            <List type="ordered" spacing="sm" fz="sm" styles={{ itemWrapper: { display: 'block' }, itemLabel: { display: 'block' } }}>
              <List.Item>
                <Text fz="sm" mb={4}>
                  Let the <b>{udev.group}</b> group open the reader: add {permission_rule !== null ? 'this line' : 'these lines (one per vendor)'} to <Code>{udev.rules_file}</Code>
                </Text>
                <CopyBlock text={rules} label="udev rule" />
              </List.Item>
              <List.Item>
                <Text fz="sm" mb={4}>
                  Reload the rules:
                </Text>
                <CopyBlock text={udev.reload_command} label="Reload command" />
              </List.Item>
              <List.Item>
                <Text fz="sm" mb={4}>
                  Join the {udev.group} group, then log out and back in (a new group counts only from the next login):
                </Text>
                <CopyBlock text={udev.join_command} label="Join command" />
              </List.Item>
              <List.Item>Unplug the reader and plug it back in.</List.Item>
            </List>
          ) : (
            <Text fz="sm">
              {platform === 'darwin'
                ? 'On macOS, allow Centavo under System Settings → Privacy & Security → Input Monitoring, then replug the reader.'
                : 'On Windows, readers in keyboard-emulation mode cannot be opened by applications: switch the reader to HID mode with its vendor’s tool.'}
            </Text>
          )}
        </Stack>
      </Alert>
    </div>
  )
}
