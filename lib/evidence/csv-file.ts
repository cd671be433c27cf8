import Papa from "papaparse";

export type Counter = { rows: number };

// RFC 4180 output (fields quoted only when needed, quotes doubled, LF line ends), by papaparse's
// unparse: about five times faster than csv-stringify on 250,000-row packs, byte-identical output.
const unparse = (rows: string[][]) => `${Papa.unparse(rows, { newline: "\n", header: false })}\n`;

/** A CSV file as a stream of chunks: the header, then one chunk per batch of rows. */
export async function* csvChunks(header: string[], batches: AsyncIterable<string[][]> | string[][][], counter: Counter): AsyncGenerator<string> {
  yield unparse([header]);
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    counter.rows += batch.length;
    yield unparse(batch);
  }
}

const QUOTE = 0x22;
const LF = 0x0a;

/**
 * Counts the records in a stream of RFC 4180 CSV as it passes: a record ends at a line feed outside
 * quotes (a quoted field may hold line feeds; a doubled quote toggles twice). State carries across chunks.
 */
export function recordCounter() {
  let quoted = false;
  let rows = 0;
  return {
    get rows() { return rows; },
    scan(buf: Buffer) {
      let from = 0;
      let q = -2; // the next quote at or after `from` (-1: none left), -2: not looked up yet
      while (from < buf.length) {
        if (quoted) {
          const close = buf.indexOf(QUOTE, from);
          if (close < 0) return;
          quoted = false;
          from = close + 1;
          q = -2;
          continue;
        }
        if (q === -2 || (q >= 0 && q < from)) q = buf.indexOf(QUOTE, from);
        const lf = buf.indexOf(LF, from);
        if (q >= 0 && (lf < 0 || q < lf)) {
          quoted = true;
          from = q + 1;
        } else if (lf >= 0) {
          rows++;
          from = lf + 1;
        } else return;
      }
    },
  };
}

/** A CSV file from rows PostgreSQL formatted (`COPY … TO STDOUT (FORMAT csv)`): our header, then the bytes as they come, records counted on the way. */
export async function* copiedCsvChunks(header: string[], chunks: AsyncIterable<Buffer>, counter: Counter): AsyncGenerator<string | Buffer> {
  yield unparse([header]);
  const count = recordCounter();
  for await (const chunk of chunks) {
    count.scan(chunk);
    counter.rows = count.rows;
    yield chunk;
  }
}
