import { parse } from "csv-parse/sync";
import type { IssueList } from "@/lib/inventory/formats/types";

export type CsvRow = { line: number; get: (column: string) => string };
export type CsvTable = { header: string[]; rows: CsvRow[] };

type CsvError = Error & { code?: string; lines?: number };

/** 1-based line of a byte offset, from the sorted offsets of every "\n" in the file. */
function lineAt(newlines: number[], offset: number): number {
  let lo = 0;
  let hi = newlines.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (newlines[mid]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/**
 * Reads a CSV file with csv-parse (UTF-8 BOM, CRLF or LF, quoted commas and newlines), checks the header
 * has the required columns, and gives each record the line it starts on. Short or long rows and
 * malformed quoting become issues naming the line; unknown columns become warnings and are ignored.
 */
export function readCsvTable(bytes: Uint8Array, options: { required: string[]; known: string[] }, errors: IssueList, warnings: IssueList): CsvTable | null {
  let records: { record: string[]; info: { bytes: number } }[];
  try {
    records = parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as never;
  } catch (error) {
    const e = error as CsvError;
    errors.add(typeof e.lines === "number" ? e.lines : null, null, `the file is not valid CSV: ${e.message.replace(/^[A-Za-z ]+: /, "")}`);
    return null;
  }
  if (records.length === 0) {
    errors.add(1, null, "the file is empty: expected a header line and at least one row");
    return null;
  }
  const newlines: number[] = [];
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10) newlines.push(i);
  const bomBytes = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const startLine = (previousEnd: number) => {
    let offset = Math.max(previousEnd, bomBytes);
    while (offset < bytes.length && (bytes[offset] === 10 || bytes[offset] === 13)) offset++;
    return lineAt(newlines, offset);
  };

  const header = records[0]!.record.map((h) => h.trim());
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (index.has(h)) errors.add(startLine(0), h, "the column appears twice in the header");
    else index.set(h, i);
  });
  for (const column of options.required) if (!index.has(column)) errors.add(startLine(0), column, "required column is missing from the header");
  const known = new Set(options.known);
  for (const h of header) if (h && !known.has(h)) warnings.add(startLine(0), h, "unknown column, ignored");
  if (errors.size > 0) return null;

  const rows: CsvRow[] = [];
  for (let r = 1; r < records.length; r++) {
    const { record } = records[r]!;
    const line = startLine(records[r - 1]!.info.bytes);
    if (record.length !== header.length) {
      errors.add(line, null, `expected ${header.length} fields as in the header, found ${record.length}${record.length < header.length ? ` (missing ${header.slice(record.length, record.length + 4).join(", ")}${header.length - record.length > 4 ? ", …" : ""})` : ""}`);
      continue;
    }
    rows.push({ line, get: (column) => { const i = index.get(column); return i === undefined ? "" : (record[i] ?? "").trim(); } });
  }
  return { header, rows };
}
