import { assertByteLength, assertDigits } from './assert'
import { tdesDecryptBlock, tdesEncryptBlock } from './des'
import { assertPan } from './pan'
import { xorBlocks } from './xor'

/**
 * ISO 9564-1 format 0 PIN blocks (also called ANSI X9.8, VISA-1, ISO-0): the form in which a
 * PIN travels from the terminal's PIN pad to the host, encrypted under a PIN key. Mixing the
 * PAN into the block means the same PIN gives different blocks on different cards.
 *
 * Clear block = PIN field XOR PAN field, where
 *   PIN field = 0, PIN length (4-C), the PIN digits, F padding to 16 nibbles;
 *   PAN field = 0000 and the 12 rightmost PAN digits left of the check digit.
 */
export type PinBlockReading = { ok: true; pin: string } | { ok: false; reason: string }

const block_bytes = 8
const pin_length_min = 4
const pin_length_max = 12

function panField(pan: string): Buffer {
  const digits = pan.slice(0, -1).slice(-12).padStart(12, '0')
  return Buffer.from(`0000${digits}`, 'hex')
}

export function pinBlockFormat0(pin: string, pan: string): Buffer {
  assertDigits(pin, 'A PIN', pin_length_min, pin_length_max)
  assertPan(pan)
  const pin_field = Buffer.from(`0${pin.length.toString(16)}${pin}`.padEnd(16, 'F'), 'hex')
  return xorBlocks(pin_field, panField(pan))
}

/**
 * Reads the PIN from a clear format 0 block. The block came from a terminal, so a bad one is
 * an answer (a decline), not an exception. The reasons never quote a PIN digit: they may be
 * logged.
 */
export function pinFromBlockFormat0(clear_block: Buffer, pan: string): PinBlockReading {
  assertPan(pan)
  if (clear_block.length !== block_bytes) {
    return { ok: false, reason: `A PIN block is ${block_bytes} bytes long; this one has ${clear_block.length}.` }
  }
  const field = xorBlocks(clear_block, panField(pan)).toString('hex').toUpperCase()
  if (field[0] !== '0') {
    return { ok: false, reason: `The block is not ISO 9564 format 0: its format nibble is ${field[0] ?? ''}.` }
  }
  const length = parseInt(field[1] ?? '', 16)
  if (!(length >= pin_length_min && length <= pin_length_max)) {
    return { ok: false, reason: `The PIN length nibble says ${length}; a PIN has ${pin_length_min} to ${pin_length_max} digits.` }
  }
  const pin = field.slice(2, 2 + length)
  if (!/^[0-9]+$/.test(pin)) {
    return { ok: false, reason: 'A PIN position holds a nibble that is not a decimal digit.' }
  }
  if (!/^F*$/.test(field.slice(2 + length))) {
    return { ok: false, reason: 'The padding after the PIN is not all F: the block was built for another PAN or is damaged.' }
  }
  return { ok: true, pin }
}

/** Encrypts a clear PIN block under a triple DES PIN key (16 or 24 bytes). */
export function encryptPinBlock(clear: Buffer, key: Buffer): Buffer {
  assertByteLength(clear, 'A clear PIN block', [block_bytes])
  return tdesEncryptBlock(key, clear)
}

/**
 * Decrypts a PIN block under a triple DES PIN key. The caller checks that the block it
 * received is 8 bytes before calling, as it checks every message field.
 */
export function decryptPinBlock(encrypted: Buffer, key: Buffer): Buffer {
  assertByteLength(encrypted, 'An encrypted PIN block', [block_bytes])
  return tdesDecryptBlock(key, encrypted)
}
