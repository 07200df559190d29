/**
 * Types for the part of the `iso_8583` npm package (2.6.7, untyped JavaScript) that the
 * peer test uses. It is a test-only dependency; main/ never imports it.
 */
declare module 'iso_8583' {
  interface PeerFieldFormat {
    ContentType: string
    Label: string
    LenType: string
    MaxLen: number
    MinLen?: number
  }
  interface PeerError {
    error: string
  }
  /** Field number (as a string, '0' is the MTI) to value; 'b' fields as hex. */
  type PeerJson = Record<string, string>
  class Iso8583 {
    constructor(message?: PeerJson, customFormats?: Record<string, PeerFieldFormat>)
    /** MTI + bitmaps + fields, without the 2-byte length header. */
    getRawMessage(): Buffer | PeerError
    getIsoJSON(buffer: Buffer, config?: { lenHeader?: boolean; bitmapEncoding?: 'hex' | 'utf8' }): PeerJson | PeerError
  }
  export = Iso8583
}

declare module 'iso_8583/lib/formats' {
  const formats: Record<string, { ContentType: string; Label: string; LenType: string; MaxLen: number }>
  export = formats
}
