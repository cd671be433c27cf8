import { describe, expect, it } from "vitest";
import { readBoolean, readDate, readIdentityKind, readTags } from "@/lib/inventory/formats/field-values";

describe("readDate", () => {
  it.each<[string, string | null]>([
    ["2024-05-01T12:00:00Z", "2024-05-01T12:00:00.000Z"],
    ["2024-05-01T12:00:00+00:00", "2024-05-01T12:00:00.000Z"],
    ["2024-05-16T08:47:09.000-07:00", "2024-05-16T15:47:09.000Z"],
    ["2024-05-01 12:00:00", "2024-05-01T12:00:00.000Z"],
    ["2024-05-01", "2024-05-01T00:00:00.000Z"],
    ["N/A", null],
    ["no_information", null],
    ["not_supported", null],
    ["", null],
  ])("%j reads as %j", (raw, iso) => {
    const r = readDate(raw);
    expect(r.ok && (r.value ? r.value.toISOString() : null)).toBe(iso);
  });

  it.each(["yesterday", "2024-02-30", "2024-13-01", "01/05/2024", "2024-05-01T25:00:00Z", "1714560000"])("refuses %j", (raw) => {
    expect(readDate(raw).ok).toBe(false);
  });
});

describe("other fields", () => {
  it.each<[string, boolean | "error"]>([["true", true], ["FALSE", false], ["yes", true], ["0", false], ["maybe", "error"]])("boolean %j", (raw, expected) => {
    const r = readBoolean(raw);
    expect(r.ok ? r.value : "error").toBe(expected);
  });
  it.each<[string, string | "error"]>([["service_account", "SERVICE_ACCOUNT"], ["ai-agent", "AI_AGENT"], ["Bot", "BOT"], ["robot", "error"]])("kind %j", (raw, expected) => {
    const r = readIdentityKind(raw);
    expect(r.ok ? r.value : "error").toBe(expected);
  });
  it("tags are key=value pairs separated by semicolons", () => {
    expect(readTags("team=payments; tier = 1;")).toEqual({ ok: true, value: { team: "payments", tier: "1" } });
    expect(readTags("oops").ok).toBe(false);
  });
});
