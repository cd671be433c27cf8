import { hash } from "node:crypto";
import { canonicalJson } from "@/lib/audit/canonical-json";

export const GENESIS_HASH = "0".repeat(64);

/** The fields covered by the hash: everything about the event except its own id and hash. */
export type ChainedFields = {
  workspaceId: string;
  seq: number;
  actorType: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  data: unknown;
  at: Date;
  prevHash: string;
};

/** Picks the covered fields by name, so extra columns on a row (id, hash) never enter the hash. */
export function chainHash(f: ChainedFields): string {
  const covered = {
    workspaceId: f.workspaceId, seq: f.seq, actorType: f.actorType, actorId: f.actorId, actorLabel: f.actorLabel,
    action: f.action, subjectType: f.subjectType, subjectId: f.subjectId, data: f.data, at: f.at,
  };
  return hash("sha256", f.prevHash + canonicalJson(covered), "hex");
}

export type ChainLink = ChainedFields & { id: string; hash: string };

/**
 * True when a "__proto__" member sits anywhere in the value. Canonical JSON leaves that key out (see
 * canonical-json.ts), so such a member is not covered by the hash; recordAudit never stores one (its
 * data goes through canonical JSON), so one found in the database was put there by someone else.
 */
function holdsUncoveredMember(value: unknown): boolean {
  if (!value || typeof value !== "object") return false;
  if (Array.isArray(value)) return value.some(holdsUncoveredMember);
  return Object.keys(value).some((key) => key === "__proto__" || holdsUncoveredMember((value as Record<string, unknown>)[key]));
}
export type ChainBreak = { seq: number; id: string; reason: string };

/**
 * Checks one page of the chain, continuing from `expected` (the previous link's seq and hash).
 * Returns the first broken link, or the new continuation point.
 */
export function checkLinks(
  links: ChainLink[],
  expected: { seq: number; hash: string },
): { broken: ChainBreak } | { next: { seq: number; hash: string } } {
  let cursor = expected;
  for (const link of links) {
    if (link.seq !== cursor.seq + 1) {
      return { broken: { seq: cursor.seq + 1, id: link.id, reason: `event #${cursor.seq + 1} is missing (found #${link.seq} next)` } };
    }
    if (link.prevHash !== cursor.hash) {
      return { broken: { seq: link.seq, id: link.id, reason: `event #${link.seq} does not point at the hash of event #${cursor.seq}` } };
    }
    if (holdsUncoveredMember(link.data)) {
      return { broken: { seq: link.seq, id: link.id, reason: `event #${link.seq} holds a "__proto__" member, which its hash cannot cover and Rollcall never writes` } };
    }
    if (chainHash(link) !== link.hash) {
      return { broken: { seq: link.seq, id: link.id, reason: `event #${link.seq} was altered after it was written (hash mismatch)` } };
    }
    cursor = { seq: link.seq, hash: link.hash };
  }
  return { next: cursor };
}
