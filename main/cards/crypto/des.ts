import { createCipheriv, createDecipheriv } from 'node:crypto'
import { assertByteLength } from './assert'

/**
 * DES and triple DES on one 8-byte block, ECB, no padding: the primitive the card schemes'
 * CVV, PVV and PIN block methods are written in. Node 20's OpenSSL 3 refuses single DES
 * (`des-ecb` is in the legacy provider), so single DES runs as EDE triple DES with all three
 * keys equal, which is the same function: E(K) then D(K) cancel, leaving one E(K).
 */
const block_bytes = 8

function run(key24: Buffer, block8: Buffer, encrypt: boolean): Buffer {
  assertByteLength(block8, 'A DES block', [block_bytes])
  const cipher = encrypt ? createCipheriv('des-ede3-ecb', key24, null) : createDecipheriv('des-ede3-ecb', key24, null)
  cipher.setAutoPadding(false)
  return Buffer.concat([cipher.update(block8), cipher.final()])
}

function singleAsTriple(key8: Buffer): Buffer {
  assertByteLength(key8, 'A single DES key', [8])
  return Buffer.concat([key8, key8, key8])
}

/** A double-length key K1 K2 is the triple-length key K1 K2 K1. */
function tripleLength(key: Buffer): Buffer {
  assertByteLength(key, 'A triple DES key', [16, 24])
  return key.length === 24 ? key : Buffer.concat([key, key.subarray(0, 8)])
}

export function desEncryptBlock(key8: Buffer, block8: Buffer): Buffer {
  return run(singleAsTriple(key8), block8, true)
}

export function desDecryptBlock(key8: Buffer, block8: Buffer): Buffer {
  return run(singleAsTriple(key8), block8, false)
}

/** Triple DES (EDE) under a double-length (16-byte) or triple-length (24-byte) key. */
export function tdesEncryptBlock(key: Buffer, block8: Buffer): Buffer {
  return run(tripleLength(key), block8, true)
}

export function tdesDecryptBlock(key: Buffer, block8: Buffer): Buffer {
  return run(tripleLength(key), block8, false)
}
