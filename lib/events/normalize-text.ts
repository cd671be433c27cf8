import type { EventFormatSpec, NormalizeOutcome } from "@/lib/events/types";

/** `text`: the record's JSON text as the file holds it, when it stands on a line of its own. */
export type LocatedOutcome = { at: string; outcome: NormalizeOutcome; text?: string };

/** Every record of a file through its format's normalizer; a record that throws is reported, never fatal. */
export function* normalizeText(spec: EventFormatSpec, text: string): Iterable<LocatedOutcome> {
  for (const record of spec.records(text)) {
    if ("error" in record) {
      yield { at: record.at, outcome: { status: "unknown", reason: record.error } };
      continue;
    }
    let outcome: NormalizeOutcome;
    try {
      outcome = spec.normalize(record.value);
    } catch (error) {
      outcome = { status: "unknown", reason: `unreadable record (${error instanceof Error ? error.message : String(error)})` };
    }
    yield { at: record.at, outcome, ...(record.text !== undefined ? { text: record.text } : {}) };
  }
}
