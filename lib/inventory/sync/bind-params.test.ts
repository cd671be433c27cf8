import { describe, expect, it } from "vitest";
import { bindParams } from "@/lib/inventory/sync/bind-params";
import { copyField } from "@/lib/inventory/sync/stage-rows";

describe("bindParams", () => {
  it("renumbers the placeholders a statement uses and sends only their values", () => {
    expect(bindParams("SELECT $3, $1::int, $3", ["a", "b", "c"])).toEqual({ sql: "SELECT $1, $2::int, $1", values: ["c", "a"] });
  });
  it("refuses a placeholder with no value", () => {
    expect(() => bindParams("SELECT $4", [1, 2, 3])).toThrow("only 3 values");
  });
});

describe("COPY text fields", () => {
  it.each<[Parameters<typeof copyField>[0], string]>([
    [null, "\\N"],
    [true, "t"],
    [42, "42"],
    [new Date("2024-01-02T03:04:05.678Z"), "2024-01-02T03:04:05.678Z"],
    ["tab\there", "tab\\there"],
    ["line\r\nbreak", "line\\r\\nbreak"],
    ["back\\slash", "back\\\\slash"],
    [["privileged", "can-mint"], '{"privileged","can-mint"}'],
    [{ team: 'a"b' }, '{"team":"a\\\\"b"}'],
  ])("%j → %s", (value, expected) => {
    expect(copyField(value)).toBe(expected);
  });
});
