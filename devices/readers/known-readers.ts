/**
 * The card readers Centavo recognises by USB vendor and product id, from
 * shared/reference/card-readers.md, and the udev rule that lets a technician's Linux
 * account open them.
 */
import type { ReaderFormat } from './formats'

export interface KnownReader {
  vendor_id: number
  product_id: number
  vendor: string
  model: string
  /** The report format, or null for a reader Centavo recognises but cannot read. */
  format: ReaderFormat | null
  /** Why an unreadable reader is refused, in a sentence for the technician. */
  unsupported_reason: string | null
  /** The HID usage page of the collection that carries swipes, where the reference gives one. */
  usage_page: number | null
}

export const magtek_vendor_id = 0x0801
export const idtech_vendor_id = 0x0acd

export const known_readers: readonly KnownReader[] = [
  {
    vendor_id: magtek_vendor_id,
    product_id: 0x0001,
    vendor: 'MagTek',
    model: 'USB swipe reader, keyboard emulation',
    format: 'keyboard',
    unsupported_reason: null,
    usage_page: 0x0001,
  },
  {
    vendor_id: magtek_vendor_id,
    product_id: 0x0002,
    vendor: 'MagTek',
    model: 'USB HID swipe reader',
    format: 'magtek_hid',
    unsupported_reason: null,
    usage_page: 0xff00,
  },
  {
    // The reference lists the insert reader without its report layout; MagTek's HID
    // readers share the 337-byte report, so it is read as one until a capture says otherwise.
    vendor_id: magtek_vendor_id,
    product_id: 0x0003,
    vendor: 'MagTek',
    model: 'USB HID insert reader',
    format: 'magtek_hid',
    unsupported_reason: null,
    usage_page: 0xff00,
  },
  {
    vendor_id: magtek_vendor_id,
    product_id: 0x0011,
    vendor: 'MagTek',
    model: 'MagneSafe encrypting reader',
    format: null,
    unsupported_reason: 'MagneSafe readers send encrypted tracks in another report layout, which Centavo cannot decrypt.',
    usage_page: null,
  },
  {
    vendor_id: idtech_vendor_id,
    product_id: 0x2030,
    vendor: 'ID TECH',
    model: 'ValueMag',
    format: 'idtech',
    unsupported_reason: null,
    usage_page: null,
  },
  {
    vendor_id: idtech_vendor_id,
    product_id: 0x0200,
    vendor: 'ID TECH',
    model: 'MiniMag',
    format: 'idtech',
    unsupported_reason: null,
    usage_page: null,
  },
]

/**
 * The table entry for a device, or null. A device that reports a usage page other than
 * the one swipes arrive on is another collection of the same reader (a composite
 * device), so it is not offered as the reader.
 */
export function knownReader(vendor_id: number, product_id: number, usage_page?: number): KnownReader | null {
  const entry = known_readers.find((reader) => reader.vendor_id === vendor_id && reader.product_id === product_id)
  if (!entry) return null
  if (entry.usage_page !== null && usage_page !== undefined && usage_page !== 0 && usage_page !== entry.usage_page) return null
  return entry
}

export const udev_rules_file = '/etc/udev/rules.d/70-card-readers.rules'
export const udev_reload_command = 'sudo udevadm control --reload-rules && sudo udevadm trigger'
export const udev_group = 'plugdev'

/**
 * One udev rule per vendor, numbered below 73 so systemd's `uaccess` applies. Mode 0660
 * with group plugdev, never 0666: any local user could otherwise read card data.
 */
export function udevRuleFor(vendor_id: number): string {
  const vendor = vendor_id.toString(16).padStart(4, '0')
  return `KERNEL=="hidraw*", SUBSYSTEM=="hidraw", ATTRS{idVendor}=="${vendor}", MODE="0660", GROUP="${udev_group}", TAG+="uaccess"`
}
