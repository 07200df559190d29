/**
 * The errors that cross from the terminal service to its callers (HTTP, the host, tests):
 * named classes with stable ids. A refused action (a card inserted twice, an unknown
 * terminal) is an operating error the screen shows; anything else is a programmer error.
 */
export class TerminalConfigInvalid extends Error {
  readonly id = 'terminal_config_invalid'
  override readonly name = 'TerminalConfigInvalid'
}

export class TerminalNotFound extends Error {
  readonly id = 'terminal_not_found'
  override readonly name = 'TerminalNotFound'
  constructor(readonly terminal_id: string) {
    super(`There is no emulated terminal ${terminal_id}.`)
  }
}

export class TerminalExists extends Error {
  readonly id = 'terminal_exists'
  override readonly name = 'TerminalExists'
  constructor(readonly terminal_id: string) {
    super(`An emulated terminal ${terminal_id} already exists.`)
  }
}

/** The terminal cannot do that now (a second card, taking cash from an empty tray, supervisor mode with a card in). */
export class TerminalActionRefused extends Error {
  readonly id = 'terminal_action_refused'
  override readonly name = 'TerminalActionRefused'
}
