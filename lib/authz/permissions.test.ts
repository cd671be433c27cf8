import { describe, expect, it } from "vitest";
import { roleCan, apiKeyScopes, type Permission } from "@/lib/authz/permissions";
import { homeFor, navigationFor } from "@/lib/authz/navigation";
import type { Role } from "@/prisma/generated/enums";

describe("role matrix", () => {
  it.each<[Role, Permission, boolean]>([
    ["MEMBER", "settings:manage", false],
    ["MEMBER", "reviews:decide", true],
    ["MEMBER", "inventory:read", false],
    ["MEMBER", "inventory:read-own", true],
    ["MEMBER", "audit:read", false],
    ["AUDITOR", "audit:read", true],
    ["AUDITOR", "evidence:read", true],
    ["AUDITOR", "reviews:decide", false],
    ["AUDITOR", "inventory:write", false],
    ["AUDITOR", "campaigns:manage", false],
    ["AUDITOR", "settings:manage", false],
    ["COMPLIANCE_MANAGER", "campaigns:manage", true],
    ["COMPLIANCE_MANAGER", "settings:manage", false],
    ["ADMIN", "settings:manage", true],
  ])("%s may %s: %s", (role, permission, expected) => {
    expect(roleCan(role, permission)).toBe(expected);
  });

  it("never lets an API key manage settings (keys cannot mint keys)", () => {
    expect(apiKeyScopes).not.toContain("settings:manage");
  });
});

describe("navigation", () => {
  it.each<[Role, string[]]>([
    ["ADMIN", ["Reviews", "Inventory", "Findings", "Campaigns", "Triggers", "Evidence", "Audit log", "Settings"]],
    ["COMPLIANCE_MANAGER", ["Reviews", "Inventory", "Findings", "Campaigns", "Triggers", "Evidence", "Audit log"]],
    ["AUDITOR", ["Campaigns", "Evidence", "Audit log"]],
    ["MEMBER", ["Reviews", "Inventory"]],
  ])("%s sees %j", (role, labels) => {
    expect(navigationFor(role).map((i) => i.label)).toEqual(labels);
  });

  it("lands auditors on campaigns and everyone else on their reviews", () => {
    expect(homeFor("AUDITOR")).toBe("/campaigns");
    expect(homeFor("MEMBER")).toBe("/reviews");
  });
});
