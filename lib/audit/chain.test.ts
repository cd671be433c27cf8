import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { canonicalJson } from "@/lib/audit/canonical-json";
import { GENESIS_HASH, chainHash, checkLinks, type ChainLink } from "@/lib/audit/chain";

function chain(n: number): ChainLink[] {
  const links: ChainLink[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const fields = { workspaceId: "wsp_a", seq, actorType: "USER", actorId: "usr_1", actorLabel: "ana@x.test", action: "thing.done", subjectType: "Thing", subjectId: `t${seq}`, data: { n: seq, nested: { b: 1, a: [1, 2] } }, at: new Date(Date.UTC(2026, 0, seq)), prevHash };
    const hash = chainHash(fields);
    links.push({ ...fields, id: `aud_${seq}`, hash });
    prevHash = hash;
  }
  return links;
}

describe("canonicalJson", () => {
  it("sorts keys at every depth and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[3,{"y":2,"z":1}]},"b":1}');
  });
  it("writes dates as ISO strings", () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 10, 23)) })).toBe('{"at":"2026-11-23T00:00:00.000Z"}');
  });

  // The definition the hashes of existing chains were computed with: JSON.stringify of a key-sorted copy.
  const sortedCopy = (value: unknown): unknown => {
    if (value instanceof Date) return value.toISOString();
    if (typeof value === "bigint") return value.toString();
    if (Array.isArray(value)) return value.map(sortedCopy);
    if (value && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const key of Object.keys(value).sort()) if ((value as Record<string, unknown>)[key] !== undefined) out[key] = sortedCopy((value as Record<string, unknown>)[key]);
      return out;
    }
    return value;
  };
  it("equals JSON.stringify of a key-sorted copy, for any value", () => {
    const leaf = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.constant(undefined), fc.bigInt(),
      fc.date({ noInvalidDate: true }), fc.constant(-0), fc.constant(() => 1), fc.constant(Symbol("s")));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("node")), fc.dictionary(fc.string(), tie("node")), fc.object()),
    })).node;
    fc.assert(fc.property(value, (v) => { expect(canonicalJson(v)).toBe(JSON.stringify(sortedCopy(v))); }), { numRuns: 2000 });
  });
});

describe("checkLinks", () => {
  it("accepts an intact chain and returns its head", () => {
    const links = chain(5);
    expect(checkLinks(links, { seq: 0, hash: GENESIS_HASH })).toEqual({ next: { seq: 5, hash: links[4]!.hash } });
  });

  it("names an event given a \"__proto__\" member in the database (canonical JSON cannot cover it)", () => {
    const links = chain(5);
    // What node-postgres hands back for jsonb holding that key: JSON.parse makes it an own member.
    links[2] = { ...links[2]!, data: JSON.parse('{"n": 3, "nested": {"a": [1, 2], "b": 1, "__proto__": {"hidden": true}}}') as unknown };
    expect(chainHash(links[2]!)).toBe(links[2]!.hash); // the hash alone does not see it
    expect(checkLinks(links, { seq: 0, hash: GENESIS_HASH })).toEqual({ broken: { seq: 3, id: "aud_3", reason: expect.stringContaining('"__proto__" member') } });
  });

  it("names an altered event", () => {
    const links = chain(5);
    links[2] = { ...links[2]!, data: { n: 999 } };
    expect(checkLinks(links, { seq: 0, hash: GENESIS_HASH })).toEqual({ broken: { seq: 3, id: "aud_3", reason: expect.stringContaining("altered") } });
  });

  it("names the gap left by a deleted event", () => {
    const links = chain(5);
    links.splice(1, 1);
    expect(checkLinks(links, { seq: 0, hash: GENESIS_HASH })).toEqual({ broken: { seq: 2, id: "aud_3", reason: expect.stringContaining("missing") } });
  });

  it("names an event whose hash was recomputed but whose successor still points at the old one", () => {
    const links = chain(4);
    const forged = { ...links[1]!, actorLabel: "mallory" };
    links[1] = { ...forged, hash: chainHash(forged) };
    expect(checkLinks(links, { seq: 0, hash: GENESIS_HASH })).toEqual({ broken: { seq: 3, id: "aud_3", reason: expect.stringContaining("does not point") } });
  });
});
