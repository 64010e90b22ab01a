/**
 * PDF building blocks over pdfkit: headings, key figures, tables and charts drawn as vectors from
 * the figures themselves (bars, lines, a heat map), on A4 with a 50 pt margin.
 */
import PDFDocument from 'pdfkit';

export type Pdf = PDFKit.PDFDocument;

const MARGIN = 50;
const INK = '#1f2937';
const MUTED = '#6b7280';
const ACCENT = '#2563eb';
const SECOND = '#9ca3af';

export function createPdf(title: string): Pdf {
  return new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: title, Producer: 'Call Platform' } });
}

const width = (doc: Pdf) => doc.page.width - 2 * MARGIN;

/** Starts a new page when fewer than `height` points are left. */
export function room(doc: Pdf, height: number): void {
  if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
}

export function heading(doc: Pdf, text: string, size = 14): void {
  room(doc, size * 3);
  doc.moveDown(0.6).fillColor(INK).font('Helvetica-Bold').fontSize(size).text(text, MARGIN).font('Helvetica');
  doc.moveDown(0.3);
}

export function paragraph(doc: Pdf, text: string): void {
  doc
    .fillColor(MUTED)
    .fontSize(9)
    .text(text, MARGIN, undefined, { width: width(doc) });
}

/** A grid of labelled figures, three to a row. */
export function figures(doc: Pdf, items: { label: string; value: string; note?: string }[]): void {
  const columns = 3;
  const cell = width(doc) / columns;
  for (let i = 0; i < items.length; i += columns) {
    room(doc, 48);
    const top = doc.y;
    items.slice(i, i + columns).forEach((item, j) => {
      const x = MARGIN + j * cell;
      doc
        .fillColor(MUTED)
        .fontSize(8)
        .text(item.label, x, top, { width: cell - 8 });
      doc
        .fillColor(INK)
        .font('Helvetica-Bold')
        .fontSize(14)
        .text(item.value, x, top + 11, { width: cell - 8 });
      doc.font('Helvetica');
      if (item.note)
        doc
          .fillColor(MUTED)
          .fontSize(7)
          .text(item.note, x, top + 29, { width: cell - 8 });
    });
    doc.x = MARGIN;
    doc.y = top + 44;
  }
}

/** A table with a header row; long tables continue on the next page. */
export function table(doc: Pdf, header: string[], rows: string[][]): void {
  const cell = width(doc) / header.length;
  const line = (values: string[], bold: boolean) => {
    room(doc, 16);
    const top = doc.y;
    doc
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(8)
      .fillColor(bold ? INK : MUTED);
    values.forEach((value, j) => {
      doc.text(value, MARGIN + j * cell, top, { width: cell - 6, lineBreak: false });
    });
    doc.x = MARGIN;
    doc.y = top + 13;
  };
  line(header, true);
  for (const row of rows) line(row, false);
  doc.font('Helvetica');
}

export interface Series {
  label: string;
  values: (number | null)[];
}

/**
 * A bar chart of `bars` with an optional line series on the same axis (e.g. the previous period),
 * labels under every n-th bar.
 */
export function barChart(doc: Pdf, labels: string[], bars: Series, line?: Series, height = 140): void {
  room(doc, height + 40);
  const top = doc.y + 6;
  const left = MARGIN + 30;
  const plotWidth = width(doc) - 30;
  const values = [...bars.values, ...(line?.values ?? [])].filter((v): v is number => v !== null);
  const max = Math.max(1, ...values);
  const step = plotWidth / Math.max(1, labels.length);
  doc.lineWidth(0.5).strokeColor('#e5e7eb');
  for (const fraction of [0, 0.5, 1]) {
    const y = top + height - fraction * height;
    doc
      .moveTo(left, y)
      .lineTo(left + plotWidth, y)
      .stroke();
    doc
      .fillColor(MUTED)
      .fontSize(7)
      .text(formatNumber(max * fraction), MARGIN, y - 4, { width: 26, align: 'right' });
  }
  bars.values.forEach((value, i) => {
    if (!value) return;
    const h = (value / max) * height;
    doc.rect(left + i * step + step * 0.15, top + height - h, step * 0.7, h).fill(ACCENT);
  });
  if (line) {
    const points = line.values.map(
      (v, i) => [left + i * step + step / 2, top + height - ((v ?? 0) / max) * height] as const,
    );
    doc.lineWidth(1.2).strokeColor(SECOND);
    points.forEach(([x, y], i) => {
      if (i === 0) doc.moveTo(x, y);
      else doc.lineTo(x, y);
    });
    if (points.length > 1) doc.stroke();
  }
  const every = Math.max(1, Math.ceil(labels.length / 10));
  labels.forEach((label, i) => {
    if (i % every) return;
    doc
      .fillColor(MUTED)
      .fontSize(6)
      .text(label, left + i * step - 10, top + height + 3, { width: step * every + 20 });
  });
  doc
    .fillColor(MUTED)
    .fontSize(7)
    .text(`■ ${bars.label}${line ? `   — ${line.label}` : ''}`, left, top + height + 14, { width: plotWidth });
  doc.x = MARGIN;
  doc.y = top + height + 28;
}

/** A line chart over `labels` with a fixed range (e.g. QA 0–1, sentiment −1–1); gaps where a value is null. */
export function lineChart(doc: Pdf, labels: string[], series: Series, range: [number, number], height = 110): void {
  room(doc, height + 36);
  const top = doc.y + 6;
  const left = MARGIN + 30;
  const plotWidth = width(doc) - 30;
  const [low, high] = range;
  const yOf = (v: number) => top + height - ((v - low) / (high - low)) * height;
  doc.lineWidth(0.5).strokeColor('#e5e7eb');
  for (const v of [low, (low + high) / 2, high]) {
    doc
      .moveTo(left, yOf(v))
      .lineTo(left + plotWidth, yOf(v))
      .stroke();
    doc
      .fillColor(MUTED)
      .fontSize(7)
      .text(formatNumber(v), MARGIN, yOf(v) - 4, { width: 26, align: 'right' });
  }
  const step = plotWidth / Math.max(1, labels.length - 1);
  doc.lineWidth(1.5).strokeColor(ACCENT);
  let drawing = false;
  series.values.forEach((v, i) => {
    if (v === null) {
      if (drawing) doc.stroke();
      drawing = false;
      return;
    }
    const x = left + i * step;
    if (drawing) doc.lineTo(x, yOf(v));
    else doc.moveTo(x, yOf(v));
    drawing = true;
  });
  if (drawing) doc.stroke();
  const every = Math.max(1, Math.ceil(labels.length / 10));
  labels.forEach((label, i) => {
    if (i % every) return;
    doc
      .fillColor(MUTED)
      .fontSize(6)
      .text(label, left + i * step - 10, top + height + 3, { width: 60 });
  });
  doc
    .fillColor(MUTED)
    .fontSize(7)
    .text(`— ${series.label}`, left, top + height + 13);
  doc.x = MARGIN;
  doc.y = top + height + 26;
}

/** Weekday rows × 24 hour columns, each cell shaded by its share of the busiest. */
export function heatmap(doc: Pdf, cells: { weekday: number; hour: number; calls: number }[]): void {
  room(doc, 7 * 14 + 30);
  const top = doc.y + 4;
  const left = MARGIN + 30;
  const cell = (width(doc) - 30) / 24;
  const max = Math.max(1, ...cells.map((c) => c.calls));
  const byKey = new Map(cells.map((c) => [`${c.weekday}:${c.hour}`, c.calls]));
  ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].forEach((day, d) => {
    doc
      .fillColor(MUTED)
      .fontSize(7)
      .text(day, MARGIN, top + d * 14 + 3, { width: 28 });
    for (let hour = 0; hour < 24; hour++) {
      const share = (byKey.get(`${d + 1}:${hour}`) ?? 0) / max;
      const shade = Math.round(255 - share * 200);
      doc.rect(left + hour * cell, top + d * 14, cell - 1, 13).fill(`rgb(${shade}, ${shade}, 255)`);
    }
  });
  for (let hour = 0; hour < 24; hour += 3) {
    doc
      .fillColor(MUTED)
      .fontSize(6)
      .text(`${hour}h`, left + hour * cell, top + 7 * 14 + 2, { width: 20 });
  }
  doc.x = MARGIN;
  doc.y = top + 7 * 14 + 16;
}

export function formatNumber(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '–';
  return Number.isInteger(value) ? value.toLocaleString('en') : value.toFixed(digits);
}

export const formatPercent = (value: number | null | undefined) =>
  value === null || value === undefined ? '–' : `${(value * 100).toFixed(1)}%`;

/** The finished document as one buffer (reports and transcripts are small). */
export function finish(doc: Pdf): Promise<Buffer> {
  const parts: Buffer[] = [];
  doc.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(parts)));
    doc.on('error', reject);
  });
  doc.end();
  return done;
}
