/**
 * Loads the real node-hid. It is imported lazily so that Centavo still starts (with the
 * emulated reader) on a machine where the native module or its system libraries are
 * missing, and the technician is told which packages to install.
 */
import { NodeHidUnavailable } from './errors'
import type { HidModule } from './hid-module'

export async function loadNodeHid(): Promise<HidModule> {
  try {
    const node_hid = await import('node-hid')
    // node-hid loads its native binding on first use; asking for the hidapi version
    // forces that now, so a missing libusb or libudev fails here with a clear message.
    node_hid.getHidapiVersion()
    return node_hid satisfies HidModule
  } catch (error) {
    throw new NodeHidUnavailable(error instanceof Error ? error.message : String(error))
  }
}
