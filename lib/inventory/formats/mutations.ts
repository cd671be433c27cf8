// Shared by the fuzz tests (inventory formats, event formats, the import property test): fast-check
// arbitraries that damage a real file the ways real files get damaged. Not a test file itself.
import fc from "fast-check";

export type Mutation = { label: string; apply: (text: string) => string };
// fast-check prints counterexamples with this, so a failure names the damage instead of a function body.
const named = (label: string, apply: (text: string) => string): Mutation => ({ label, apply, [fc.toStringMethod]: () => label }) as Mutation;

const WEIRD = ["\u0000", "\uFEFF", "\u202E", "\uD83D\uDE00", "\uFFFD", "é", "\r", "\n", "\t", '"', "'", ",", ";", "{", "}", "[", "]", ":", "\\", "𝒳", "\u2028"];

/** A value of the wrong type or shape, as JSON text. */
const wrongValue = fc.oneof(
  fc.constantFrom("null", "true", "0", "-1", "1e308", "[]", "{}", '""', '"   "', "[1,2,3]", '{"a":{"b":{}}}', '"2024-13-45T99:99:99Z"', '"not-an-email"'),
  fc.integer().map(String),
  fc.string({ unit: "grapheme", maxLength: 12 }).map((s) => JSON.stringify(s)),
  fc.integer({ min: 10_000, max: 100_000 }).map((n) => JSON.stringify("x".repeat(n))),
);

const byteFlip = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), char: fc.integer({ min: 0, max: 0xffff }) }).map(({ at, char }): Mutation => ({
  label: `flip@${at.toFixed(3)}=${char}`,
  apply: (t) => {
    const i = Math.floor(at * t.length);
    return t.slice(0, i) + String.fromCharCode(char) + t.slice(i + 1);
  },
}));
const truncate = fc.double({ min: 0, max: 1, noNaN: true }).map((at): Mutation => ({ label: `truncate@${at.toFixed(3)}`, apply: (t) => t.slice(0, Math.floor(at * t.length)) }));
const insertUnicode = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), s: fc.oneof(fc.constantFrom(...WEIRD), fc.string({ unit: "binary", minLength: 1, maxLength: 8 })) }).map(({ at, s }): Mutation => ({
  label: `insert@${at.toFixed(3)}=${JSON.stringify(s)}`,
  apply: (t) => {
    const i = Math.floor(at * t.length);
    return t.slice(0, i) + s + t.slice(i);
  },
}));
const deleteSpan = fc.record({ at: fc.double({ min: 0, max: 1, noNaN: true }), n: fc.integer({ min: 1, max: 40 }) }).map(({ at, n }): Mutation => ({
  label: `delete@${at.toFixed(3)}+${n}`,
  apply: (t) => {
    const i = Math.floor(at * t.length);
    return t.slice(0, i) + t.slice(i + n);
  },
}));
const duplicateLine = fc.double({ min: 0, max: 1, noNaN: true }).map((at): Mutation => ({
  label: `dup-line@${at.toFixed(3)}`,
  apply: (t) => {
    const lines = t.split("\n");
    const i = Math.floor(at * lines.length);
    lines.splice(i, 0, lines[i] ?? "");
    return lines.join("\n");
  },
}));

/** CSV: delete, duplicate or blank a column in every row (header included), or shuffle two columns. */
const csvColumn = fc.record({ col: fc.nat(40), op: fc.constantFrom("delete", "duplicate", "blank", "huge", "swap-header") }).map(({ col, op }): Mutation => ({
  label: `csv-${op}-col${col}`,
  apply: (t) =>
    t.split("\n").map((line, row) => {
      const cells = line.split(",");
      const c = col % Math.max(1, cells.length);
      if (op === "delete") cells.splice(c, 1);
      else if (op === "duplicate") cells.splice(c, 0, cells[c] ?? "");
      else if (op === "blank" && row > 0) cells[c] = "";
      else if (op === "huge" && row > 0) cells[c] = "y".repeat(50_000);
      else if (op === "swap-header" && row === 0) [cells[0], cells[c]] = [cells[c] ?? "", cells[0] ?? ""];
      return cells.join(",");
    }).join("\n"),
}));

type Json = unknown;
function paths(value: Json, prefix: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(prefix);
  if (out.length > 5000) return out;
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...prefix, i], out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) paths(v, [...prefix, k], out);
  return out;
}

/** JSON: at a random node, delete it, duplicate it (array element or renamed key), or replace it with a wrong value. */
const jsonNode = fc.record({ pick: fc.double({ min: 0, max: 1, noNaN: true }), op: fc.constantFrom("delete", "duplicate", "replace"), replacement: wrongValue }).map(({ pick, op, replacement }): Mutation => ({
  label: `json-${op}@${pick.toFixed(3)}=${replacement.slice(0, 20)}`,
  apply: (t) => {
    let doc: Json;
    try {
      doc = JSON.parse(t.replace(/^\uFEFF/, ""));
    } catch {
      return t; // not one JSON document (JSON lines): the line mutations cover it
    }
    const all = paths(doc).filter((p) => p.length > 0);
    const path = all[Math.floor(pick * all.length)];
    if (!path) return JSON.stringify(JSON.parse(replacement));
    const parent = path.slice(0, -1).reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], doc) as Record<string | number, Json>;
    const key = path[path.length - 1]!;
    if (op === "delete") {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (op === "duplicate") {
      if (Array.isArray(parent)) parent.splice(key as number, 0, structuredClone(parent[key as number]));
      else parent[`${key}`] = structuredClone(parent[key]); // same key again: JSON.stringify keeps one, so also nest a copy
    } else parent[key] = JSON.parse(replacement) as Json;
    return JSON.stringify(doc, null, 1);
  },
}));

/** One to three damages of any kind, applied in order. */
export const mutations: fc.Arbitrary<Mutation[]> = fc.array(fc.oneof(byteFlip, truncate, insertUnicode, deleteSpan, duplicateLine, csvColumn, jsonNode, jsonNode).map((m) => named(m.label, m.apply)), { minLength: 1, maxLength: 3 });

export const applyAll = (text: string, list: Mutation[]) => list.reduce((t, m) => m.apply(t), text);
