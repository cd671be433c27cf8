import type { RawRecord } from "@/lib/events/types";

/**
 * Splits a log file into records whatever way it was exported: one JSON document (an array, or an
 * object wrapping an array under one of `wrapperKeys`, or a single record) or JSON lines. A line that
 * is not JSON becomes an error record naming its line; it never stops the rest of the file.
 */
export function* jsonRecords(text: string, wrapperKeys: readonly string[]): Iterable<RawRecord> {
  const trimmed = text.trim();
  if (!trimmed) return;
  if (trimmed.startsWith("[") || trimmed.startsWith("{")) {
    let whole: unknown;
    let parsed = false;
    try {
      whole = JSON.parse(trimmed);
      parsed = true;
    } catch {
      // not one document: JSON lines, handled below
    }
    if (parsed) {
      yield* expand(whole, wrapperKeys, "record", trimmed);
      return;
    }
  }
  let lineNo = 0;
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    lineNo++;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (!line) continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      yield { at: `line ${lineNo}`, error: `not JSON (${error instanceof Error ? error.message : "parse error"})` };
      continue;
    }
    yield* expand(value, wrapperKeys, `line ${lineNo}`, line);
  }
}

/** `text`: the JSON text of `value` itself, passed on only when `value` is the one record it holds. */
function* expand(value: unknown, wrapperKeys: readonly string[], at: string, text?: string): Iterable<RawRecord> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield { at: at === "record" ? `record ${i + 1}` : `${at} record ${i + 1}`, value: item };
    return;
  }
  if (value && typeof value === "object") {
    for (const key of wrapperKeys) {
      const inner = (value as Record<string, unknown>)[key];
      if (Array.isArray(inner)) {
        yield* expand(inner, [], at);
        return;
      }
    }
  }
  yield { at: at === "record" ? "record 1" : at, value, ...(text !== undefined ? { text } : {}) };
}
