import PDFDocument from 'pdfkit'

/**
 * A printable report: a title, a few facts, and tables. Settlement batch reports and
 * customer statements are made with it, so both look like one bank's paper.
 *
 * pdfkit lays out the page; this only decides the bank's look (A4, Helvetica, a header
 * line, right-aligned amounts, a repeated table header after each page break).
 */
export interface PdfColumn {
  label: string
  /** A share of the page width; the columns' widths are scaled to fill it. */
  width: number
  align?: 'left' | 'right'
}

export interface PdfTable {
  heading?: string
  columns: PdfColumn[]
  rows: string[][]
  /** A last, bold row: totals. */
  totals?: string[]
}

export interface PdfReport {
  /** The bank's name, at the top of every page. */
  bank: string
  title: string
  subtitle?: string
  facts: Array<[label: string, value: string]>
  tables: PdfTable[]
  /** Small print at the end: where the figures come from, what to do with the paper. */
  note?: string
  /** When the report was made, printed in the header. */
  generated_at: Date
}

const margin = 48
const row_height = 16

export function renderPdf(report: PdfReport): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin, info: { Title: report.title, Author: report.bank, Creator: 'Centavo' }, bufferPages: true })
  const chunks: Buffer[] = []
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk))
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })
  const width = doc.page.width - 2 * margin

  doc.font('Helvetica').fontSize(9).fillColor('#555').text(`${report.bank}  ·  generated ${report.generated_at.toISOString().replace('T', ' ').slice(0, 16)} UTC`)
  doc.moveDown(0.5)
  doc.font('Helvetica-Bold').fontSize(16).fillColor('#000').text(report.title)
  if (report.subtitle) doc.font('Helvetica').fontSize(10).fillColor('#333').text(report.subtitle)
  doc.moveDown(0.8)

  for (const [label, value] of report.facts) {
    const y = doc.y
    doc.font('Helvetica').fontSize(10).fillColor('#555').text(label, margin, y, { width: width * 0.35 })
    doc.font('Helvetica-Bold').fillColor('#000').text(value, margin + width * 0.35, y, { width: width * 0.65 })
  }

  for (const table of report.tables) {
    doc.moveDown(1)
    if (table.heading) doc.font('Helvetica-Bold').fontSize(11).fillColor('#000').text(table.heading, margin)
    drawTable(doc, table, width)
  }

  if (report.note) {
    doc.moveDown(1)
    doc.font('Helvetica').fontSize(8).fillColor('#555').text(report.note, margin, doc.y, { width })
  }

  // Page numbers, once every page exists.
  const range = doc.bufferedPageRange()
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i)
    doc.font('Helvetica').fontSize(8).fillColor('#777').text(`${report.title}  ·  page ${i + 1} of ${range.count}`, margin, doc.page.height - margin + 12, { width, align: 'right', lineBreak: false })
  }
  doc.end()
  return done
}

function drawTable(doc: PDFKit.PDFDocument, table: PdfTable, width: number): void {
  const scale = width / table.columns.reduce((sum, c) => sum + c.width, 0)
  const widths = table.columns.map((c) => c.width * scale)
  const bottom = doc.page.height - margin - row_height

  const drawRow = (cells: string[], bold: boolean) => {
    if (doc.y > bottom) {
      doc.addPage()
      drawHeader()
    }
    const y = doc.y
    let x = margin
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(8.5).fillColor('#000')
    table.columns.forEach((column, i) => {
      doc.text(cells[i] ?? '', x + 2, y + 3, { width: (widths[i] ?? 0) - 4, align: column.align ?? 'left', lineBreak: false, ellipsis: true })
      x += widths[i] ?? 0
    })
    doc.y = y + row_height
  }
  const drawHeader = () => {
    const y = doc.y
    doc.rect(margin, y, width, row_height).fill('#e9ecef')
    doc.y = y
    drawRow(
      table.columns.map((c) => c.label),
      true,
    )
  }

  drawHeader()
  if (table.rows.length === 0) drawRow(['(none)'], false)
  for (const cells of table.rows) drawRow(cells, false)
  if (table.totals) {
    doc.moveTo(margin, doc.y).lineTo(margin + width, doc.y).strokeColor('#000').lineWidth(0.5).stroke()
    drawRow(table.totals, true)
  }
  doc.x = margin
}
