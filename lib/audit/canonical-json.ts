/**
 * Deterministic JSON (sorted keys, no whitespace, dates as ISO strings) so a hash computed when the
 * event is written can be recomputed from what PostgreSQL's jsonb gives back, whatever its key order.
 *
 * Defined as `JSON.stringify` of a copy of the value with every object's keys inserted in sorted
 * order (undefined members dropped), and written directly rather than by building that copy first:
 * verifying an audit chain serializes every event again, and the copy cost more than the hashing.
 * chain.test.ts checks the output against the definition on arbitrary values.
 */
export function canonicalJson(value: unknown): string {
  return write(value) as string;
}

function write(value: unknown): string | undefined {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : "null";
    case "boolean":
      return value ? "true" : "false";
    case "bigint":
      return JSON.stringify(value.toString());
    case "object": {
      if (value === null) return "null";
      if (value instanceof Date) return JSON.stringify(value.toISOString());
      if (Array.isArray(value)) {
        let out = "[";
        for (let i = 0; i < value.length; i++) out += `${i ? "," : ""}${write(value[i]) ?? "null"}`;
        return `${out}]`;
      }
      let out = "{";
      for (const key of memberOrder(value)) {
        // Assigning "__proto__" on the copy set its prototype instead of adding a member, so the
        // definition leaves that key out; chains already written were hashed that way.
        if (key === "__proto__") continue;
        const member = write((value as Record<string, unknown>)[key]);
        if (member !== undefined) out += `${out.length > 1 ? "," : ""}${JSON.stringify(key)}:${member}`;
      }
      return `${out}}`;
    }
    default: // undefined, functions and symbols: left out of objects, null in arrays (as JSON.stringify does)
      return undefined;
  }
}

const ARRAY_INDEX = /^(?:0|[1-9][0-9]{0,9})$/;
const isArrayIndex = (key: string) => ARRAY_INDEX.test(key) && Number(key) < 4294967295;

/**
 * The order JSON.stringify lists the members of a copy built by inserting the keys sorted: JavaScript
 * lists array-index keys ("0", "17") first, ascending, whatever the insertion order; then the rest as
 * inserted. Object.keys already lists the index keys first, ascending, so only the rest is sorted.
 */
function memberOrder(value: object): string[] {
  const keys = Object.keys(value);
  let indices = 0;
  while (indices < keys.length && isArrayIndex(keys[indices]!)) indices++;
  return indices === 0 ? keys.sort() : [...keys.slice(0, indices), ...keys.slice(indices).sort()];
}
