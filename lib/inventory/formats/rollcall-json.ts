import { identityInput } from "@/lib/inventory/schema";
import { issueAt, isObject, readJsonDocument } from "@/lib/inventory/formats/json-document";
import { duplicateKeys, identityFromInput, rollcallCoverage } from "@/lib/inventory/formats/rollcall-identity";
import { IssueList, finish, type NormalizedIdentity, type ParseResult } from "@/lib/inventory/formats/types";

const KNOWN = new Set(Object.keys(identityInput.shape));

/** rollcall-json: `{"version": 1, "identities": [ … ]}` (or a bare array), each item as the push API takes it. */
export function parseRollcallJson(bytes: Uint8Array): ParseResult {
  const errors = new IssueList();
  const warnings = new IssueList();
  const doc = readJsonDocument(bytes, errors);
  if (!doc) return finish([], rollcallCoverage(), errors, warnings, 0);
  const root = doc.value;
  const list = Array.isArray(root) ? root : isObject(root) ? root.identities : undefined;
  const base = Array.isArray(root) ? [] : ["identities"];
  if (!Array.isArray(list)) {
    issueAt(doc, errors, [], 'expected {"identities": [...]} or an array of identities');
    return finish([], rollcallCoverage(), errors, warnings, 0);
  }
  if (isObject(root) && root.version !== undefined && root.version !== 1) issueAt(doc, errors, ["version"], `version ${String(root.version)} is not supported (expected 1)`);

  const identities: NormalizedIdentity[] = [];
  const seen = new Map<string, number>();
  list.forEach((item, i) => {
    const path = [...base, i];
    const parsed = identityInput.safeParse(item);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issueAt(doc, errors, [...path, ...issue.path.map((p) => (typeof p === "number" ? p : String(p)))], issue.message);
      return;
    }
    if (isObject(item)) for (const key of Object.keys(item)) if (!KNOWN.has(key)) issueAt(doc, warnings, [...path, key], "unknown field, ignored");
    const line = doc.itemLine(path);
    if (seen.has(parsed.data.externalId)) {
      issueAt(doc, errors, [...path, "externalId"], `"${parsed.data.externalId}" already appears at ${base.length ? "identities" : ""}[${seen.get(parsed.data.externalId)}]`);
      return;
    }
    seen.set(parsed.data.externalId, i);
    const identity = identityFromInput(parsed.data, line);
    for (const dupe of duplicateKeys(identity)) issueAt(doc, errors, path, `${dupe} is listed twice`);
    identities.push(identity);
  });
  return finish(identities, rollcallCoverage(), errors, warnings, list.length);
}
