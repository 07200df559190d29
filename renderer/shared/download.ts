/** Offers text as a file download from the renderer: a Blob behind a temporary link. */
export function downloadText(filename: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${type};charset=utf-8` }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}

/** Saves a file the host made (CSV, payout XML, PDF): text as it is, binary from base64. */
export function downloadFile(file: { filename: string; media_type: string; encoding: 'utf8' | 'base64'; content: string }): void {
  if (file.encoding === 'utf8') {
    downloadText(file.filename, file.content, file.media_type)
    return
  }
  const bytes = Uint8Array.from(atob(file.content), (c) => c.charCodeAt(0))
  const url = URL.createObjectURL(new Blob([bytes], { type: file.media_type }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.filename
  document.body.append(link)
  link.click()
  link.remove()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
