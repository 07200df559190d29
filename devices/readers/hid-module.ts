/**
 * The part of node-hid's async API the driver uses, as an interface. The real module
 * satisfies it (load-node-hid.ts checks that at compile time); tests pass a fake that
 * replays transcripts, and the recorder wraps the real one.
 */

/** node-hid's device description, as devicesAsync() returns it. */
export interface HidDeviceInfo {
  vendorId: number
  productId: number
  path?: string | undefined
  serialNumber?: string | undefined
  manufacturer?: string | undefined
  product?: string | undefined
  release: number
  interface: number
  usagePage?: number | undefined
  usage?: number | undefined
}

/** An open device. node-hid emits `data` with a Buffer (a Uint8Array) and `error` when a read fails, as on unplug. */
export interface HidHandle {
  on(event: 'data', listener: (data: Uint8Array) => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
  close(): Promise<void>
}

export interface HidModule {
  devicesAsync(): Promise<HidDeviceInfo[]>
  HIDAsync: {
    open(path: string): Promise<HidHandle>
  }
}
