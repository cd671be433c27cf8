import { createHash } from "node:crypto";
import { canonicalJson } from "@/lib/audit/canonical-json";

/** Safe readers for untrusted log records: a wrong type reads as undefined, never a crash. */
export type Obj = Record<string, unknown>;

export const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function get(v: unknown, ...path: string[]): unknown {
  let cur = v;
  for (const key of path) {
    if (!isObj(cur)) return undefined;
    cur = cur[key];
  }
  return cur;
}

export function str(v: unknown, ...path: string[]): string | undefined {
  const value = path.length ? get(v, ...path) : v;
  if (typeof value === "string") return value.trim() || undefined;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

export function arr(v: unknown, ...path: string[]): unknown[] {
  const value = path.length ? get(v, ...path) : v;
  return Array.isArray(value) ? value : [];
}

/** A timestamp from an ISO string or epoch milliseconds; undefined when absent or invalid. */
export function time(v: unknown): Date | undefined {
  if (typeof v === "number" && Number.isFinite(v)) {
    const d = new Date(v < 1e12 ? v * 1000 : v);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  if (typeof v === "string" && v.trim()) {
    const d = new Date(v);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }
  return undefined;
}

/** Records with no id of their own are deduplicated by the hash of their canonical JSON. */
export const contentHash = (record: unknown) => createHash("sha256").update(canonicalJson(record)).digest("hex").slice(0, 40);

export const looksLikeEmail = (s: string | undefined): s is string => Boolean(s && /^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(s));
