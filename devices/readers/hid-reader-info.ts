/** From node-hid's device description to the ReaderInfo every transport reports. */
import type { HidDeviceInfo } from './hid-module'
import { knownReader } from './known-readers'
import type { ReaderInfo } from './reader'

/** Null for a device without a path: nothing could open it. */
export function readerInfoFromDevice(device: HidDeviceInfo): ReaderInfo | null {
  if (!device.path) return null
  // Some readers report an empty serial number; that is no serial number.
  const serial_number = device.serialNumber ? device.serialNumber : null
  const usage_page = device.usagePage ?? 0
  return {
    id: readerId(device.vendorId, device.productId, serial_number, device.interface, usage_page, device.path),
    vendor_id: device.vendorId,
    product_id: device.productId,
    serial_number,
    interface_number: device.interface,
    usage_page,
    product: device.product ?? '',
    manufacturer: device.manufacturer ?? '',
    path: device.path,
    known: knownReader(device.vendorId, device.productId, device.usagePage),
  }
}

/**
 * `hid:0801:0002:sn=<serial>:if=0:up=ff00` when the reader has a serial number, so a
 * pairing survives replugging; `hid:0801:0002:path=<path>:up=ff00` otherwise. The
 * interface and usage page tell apart the collections of one composite device.
 */
export function readerId(
  vendor_id: number,
  product_id: number,
  serial_number: string | null,
  interface_number: number,
  usage_page: number,
  path: string,
): string {
  const device = `hid:${hex4(vendor_id)}:${hex4(product_id)}`
  const where = serial_number !== null ? `sn=${serial_number}:if=${interface_number}` : `path=${path}`
  return `${device}:${where}:up=${hex4(usage_page)}`
}

export function hex4(value: number): string {
  return value.toString(16).padStart(4, '0')
}
