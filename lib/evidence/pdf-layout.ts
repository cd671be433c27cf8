import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type RGB } from "pdf-lib";

// A small top-to-bottom layout over pdf-lib: wrapped text, headings, tables and bars on A4 pages.

const A4: [number, number] = [595.28, 841.89];
const MARGIN = 48;

/** Standard PDF fonts encode WinAnsi only: map common symbols, replace anything else. */
export function winAnsi(text: string): string {
  return text
    .replace(/\u2192/g, "->").replace(/\u2264/g, "<=").replace(/\u2265/g, ">=").replace(/\u00d7/g, "x")
    .replace(/[\r\n\t]+/g, " ")
    .replace(/[^\x20-\x7E\u00A0-\u00FF\u2013\u2014\u2018\u2019\u201C\u201D\u2022\u2026\u20AC]/g, "?");
}

export class PdfLayout {
  private page!: PDFPage;
  private y = 0;
  readonly width = A4[0] - 2 * MARGIN;

  private constructor(readonly doc: PDFDocument, readonly font: PDFFont, readonly bold: PDFFont, private readonly footer: string) {
    this.newPage();
  }

  static async create(footer: string): Promise<PdfLayout> {
    const doc = await PDFDocument.create();
    return new PdfLayout(doc, await doc.embedFont(StandardFonts.Helvetica), await doc.embedFont(StandardFonts.HelveticaBold), footer);
  }

  private newPage() {
    this.page = this.doc.addPage(A4);
    this.y = A4[1] - MARGIN;
    const n = this.doc.getPageCount();
    this.page.drawText(winAnsi(`${this.footer} - page ${n}`), { x: MARGIN, y: 24, size: 7, font: this.font, color: rgb(0.45, 0.45, 0.45) });
  }

  ensure(height: number) {
    if (this.y - height < MARGIN) this.newPage();
  }

  gap(h = 6) {
    this.y -= h;
  }

  lines(text: string, size: number, width: number, font = this.font): string[] {
    // Words wider than the column (hashes, ids) are cut into pieces that fit.
    const words = winAnsi(text).split(" ").flatMap((word) => {
      if (font.widthOfTextAtSize(word, size) <= width) return [word];
      const pieces: string[] = [];
      let piece = "";
      for (const ch of word) {
        if (piece && font.widthOfTextAtSize(piece + ch, size) > width) {
          pieces.push(piece);
          piece = "";
        }
        piece += ch;
      }
      return piece ? [...pieces, piece] : pieces;
    });
    const out: string[] = [];
    let line = "";
    for (const word of words) {
      const next = line ? `${line} ${word}` : word;
      if (font.widthOfTextAtSize(next, size) <= width || !line) line = next;
      else {
        out.push(line);
        line = word;
      }
    }
    if (line) out.push(line);
    return out;
  }

  text(text: string, opts: { size?: number; bold?: boolean; indent?: number; color?: RGB } = {}) {
    const size = opts.size ?? 9.5;
    const font = opts.bold ? this.bold : this.font;
    for (const line of this.lines(text, size, this.width - (opts.indent ?? 0), font)) {
      this.ensure(size + 3);
      this.y -= size + 3;
      this.page.drawText(line, { x: MARGIN + (opts.indent ?? 0), y: this.y, size, font, color: opts.color ?? rgb(0.1, 0.1, 0.12) });
    }
  }

  heading(text: string) {
    this.ensure(40);
    this.gap(10);
    this.text(text, { size: 13, bold: true });
    this.page.drawLine({ start: { x: MARGIN, y: this.y - 3 }, end: { x: MARGIN + this.width, y: this.y - 3 }, thickness: 0.5, color: rgb(0.75, 0.75, 0.78) });
    this.gap(8);
  }

  /** Key/value pairs in two columns. */
  pairs(rows: [string, string][]) {
    for (const [k, v] of rows) {
      const valueLines = this.lines(v, 9.5, this.width - 170);
      this.ensure(valueLines.length * 12.5);
      this.page.drawText(winAnsi(k), { x: MARGIN, y: this.y - 12.5, size: 9.5, font: this.bold, color: rgb(0.3, 0.3, 0.35) });
      for (const line of valueLines) {
        this.y -= 12.5;
        this.page.drawText(line, { x: MARGIN + 170, y: this.y, size: 9.5, font: this.font });
      }
    }
  }

  /** A table with fixed column widths (fractions of the width); cells wrap, the header repeats on new pages. */
  table(header: string[], widths: number[], rows: string[][], size = 8) {
    const cols = widths.map((w) => w * this.width);
    const draw = (cells: string[], font: PDFFont, shade: boolean) => {
      const wrapped = cells.map((c, i) => this.lines(c, size, cols[i]! - 6, font));
      const height = Math.max(...wrapped.map((w) => w.length)) * (size + 2.5) + 5;
      this.ensure(height);
      if (shade) this.page.drawRectangle({ x: MARGIN, y: this.y - height, width: this.width, height, color: rgb(0.94, 0.94, 0.96) });
      let x = MARGIN;
      wrapped.forEach((ls, i) => {
        ls.forEach((l, j) => this.page.drawText(l, { x: x + 3, y: this.y - (j + 1) * (size + 2.5), size, font }));
        x += cols[i]!;
      });
      this.y -= height;
    };
    draw(header, this.bold, true);
    for (const r of rows) {
      if (this.y - (size + 8) < MARGIN) draw(header, this.bold, true);
      draw(r, this.font, false);
    }
  }

  /** Horizontal bars with labels and values: the decision mix chart. */
  bars(items: { label: string; value: number; color: RGB }[]) {
    const max = Math.max(1, ...items.map((i) => i.value));
    const total = items.reduce((n, i) => n + i.value, 0) || 1;
    const barWidth = this.width - 210;
    for (const item of items) {
      this.ensure(18);
      this.y -= 16;
      this.page.drawText(winAnsi(item.label), { x: MARGIN, y: this.y + 3, size: 9, font: this.font });
      this.page.drawRectangle({ x: MARGIN + 110, y: this.y, width: barWidth, height: 11, color: rgb(0.93, 0.93, 0.95) });
      this.page.drawRectangle({ x: MARGIN + 110, y: this.y, width: Math.max(item.value > 0 ? 1.5 : 0, (item.value / max) * barWidth), height: 11, color: item.color });
      this.page.drawText(`${item.value} (${((item.value / total) * 100).toFixed(1)}%)`, { x: MARGIN + 116 + barWidth, y: this.y + 2, size: 9, font: this.font });
    }
  }

  save(): Promise<Uint8Array> {
    return this.doc.save();
  }
}
