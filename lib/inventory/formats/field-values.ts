import { CredentialKind, IdentityKind } from "@/prisma/generated/enums";

// Field-level readers shared by the format parsers: each returns a value or a reason it is not one.
export type Read<T> = { ok: true; value: T } | { ok: false; reason: string };

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/** Values that sources write for "no date": AWS uses N/A, no_information and not_supported. */
export const NO_DATE = new Set(["", "N/A", "n/a", "no_information", "not_supported", "null"]);

/**
 * ISO 8601 date or date-time (what every supported source emits). A time without a zone is read as UTC.
 * Impossible dates (2024-02-30) are refused instead of silently rolled over as `Date` would do.
 */
export function readDate(raw: string | null | undefined): Read<Date | null> {
  const text = (raw ?? "").trim();
  if (NO_DATE.has(text)) return { ok: true, value: null };
  const m = ISO.exec(text);
  if (!m) return { ok: false, reason: `"${clip(text)}" is not an ISO 8601 date (e.g. 2024-05-01T12:00:00Z)` };
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((v) => (v === undefined ? 0 : Number(v))) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || new Date(Date.UTC(y!, mo! - 1, d!)).getUTCDate() !== d || h! > 23 || mi! > 59 || s! > 59) {
    return { ok: false, reason: `"${clip(text)}" is not a real date` };
  }
  const iso = m[4] === undefined ? `${text.slice(0, 10)}T00:00:00Z` : m[7] === undefined ? `${text.replace(" ", "T")}Z` : text.replace(" ", "T");
  const value = new Date(iso);
  return Number.isNaN(value.getTime()) ? { ok: false, reason: `"${clip(text)}" is not a real date` } : { ok: true, value };
}

export function readBoolean(raw: string | null | undefined, fallback: boolean | null = null): Read<boolean> {
  const text = (raw ?? "").trim().toLowerCase();
  if (text === "" && fallback !== null) return { ok: true, value: fallback };
  if (["true", "yes", "1"].includes(text)) return { ok: true, value: true };
  if (["false", "no", "0"].includes(text)) return { ok: true, value: false };
  return { ok: false, reason: `"${clip(raw ?? "")}" is not true or false` };
}

const enumKey = (text: string) => text.trim().toUpperCase().replaceAll("-", "_").replaceAll(" ", "_");

export function readIdentityKind(raw: string | null | undefined): Read<IdentityKind> {
  const key = enumKey(raw ?? "");
  if (key in IdentityKind) return { ok: true, value: key as IdentityKind };
  return { ok: false, reason: `"${clip(raw ?? "")}" is not a kind; use one of ${Object.values(IdentityKind).map((k) => k.toLowerCase()).join(", ")}` };
}

export function readCredentialKind(raw: string | null | undefined): Read<CredentialKind> {
  const key = enumKey(raw ?? "");
  if (key in CredentialKind) return { ok: true, value: key as CredentialKind };
  return { ok: false, reason: `"${clip(raw ?? "")}" is not a credential kind; use one of ${Object.values(CredentialKind).map((k) => k.toLowerCase()).join(", ")}` };
}

export function readChoice<T extends string>(raw: string | null | undefined, choices: readonly T[], fallback: T): Read<T> {
  const text = (raw ?? "").trim().toUpperCase();
  if (text === "") return { ok: true, value: fallback };
  const found = choices.find((c) => c === text);
  return found ? { ok: true, value: found } : { ok: false, reason: `"${clip(raw ?? "")}" is not one of ${choices.map((c) => c.toLowerCase()).join(", ")}` };
}

/** `key=value;key=value` (our CSV's tags column) */
export function readTags(raw: string | null | undefined): Read<Record<string, string>> {
  const text = (raw ?? "").trim();
  const tags: Record<string, string> = {};
  if (!text) return { ok: true, value: tags };
  for (const part of text.split(";")) {
    if (!part.trim()) continue;
    const eq = part.indexOf("=");
    if (eq <= 0) return { ok: false, reason: `tag "${clip(part)}" is not key=value` };
    tags[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  return { ok: true, value: tags };
}

export const clip = (text: string, max = 60) => (text.length > max ? `${text.slice(0, max)}…` : text);

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Latest of several optional dates (e.g. an IAM user's last use is its most recently used key). */
export function latest(...dates: (Date | null | undefined)[]): Date | null {
  let best: Date | null = null;
  for (const d of dates) if (d && (!best || d > best)) best = d;
  return best;
}
