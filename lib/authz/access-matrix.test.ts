import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { accessMatrix, everyone, roles } from "@/lib/authz/access-matrix";
import { roleCan, type Permission } from "@/lib/authz/permissions";
import { scanDoors, urlPathOf, type Door } from "@/lib/authz/route-inventory";

const root = path.resolve(import.meta.dirname, "../..");
const doors = scanDoors(root);
const source = (file: string) => readFileSync(path.join(root, file), "utf8");

/** The guard the code itself states for a door, read from its source. */
function guardInSource(door: Door): string {
  const text = source(door.file);
  if (door.kind === "page") {
    const m = /requirePage\(\s*(?:"([^"]+)")?\s*\)/.exec(text);
    return m ? (m[1] ?? "signed-in") : "public";
  }
  if (door.kind === "api") {
    const m = new RegExp(`export\\s+const\\s+${door.method}\\s*=\\s*route\\(\\s*\\{\\s*permission:\\s*(null|"([^"]+)")`).exec(text);
    return m?.[2] ?? "public";
  }
  // Server action: `export async function X(...) { return wrapper(...) }` with `const wrapper = action("perm", …)`.
  const body = new RegExp(`function\\s+${door.name}\\s*\\([^)]*\\)[^{]*\\{([\\s\\S]*?)\\n\\}`).exec(text)?.[1] ?? "";
  const wrapper = /return\s+(\w+)\(/.exec(body)?.[1];
  const m = wrapper ? new RegExp(`const\\s+${wrapper}\\s*=\\s*action\\(\\s*"([^"]+)"`).exec(text) : null;
  return m?.[1] ?? "public";
}

describe("access matrix (lib/authz/access-matrix.ts)", () => {
  it("finds the doors by scanning app/ (pages, route methods, server actions)", () => {
    expect(urlPathOf("app/(app)/campaigns/[id]/page.tsx")).toBe("/campaigns/[id]");
    expect(urlPathOf("app/page.tsx")).toBe("/");
    const kinds = new Set(doors.map((d) => d.kind));
    expect(kinds).toEqual(new Set(["page", "api", "action"]));
    expect(doors.map((d) => d.key)).toEqual(expect.arrayContaining(["PAGE /campaigns/[id]", "GET /api/auth/[...nextauth]", "POST /api/auth/[...nextauth]", "ACTION app/(app)/layout.tsx#signOutAction"]));
  });

  it("lists every page, route method and server action the app has (classify new ones here)", () => {
    const unlisted = doors.map((d) => d.key).filter((k) => !(k in accessMatrix));
    expect(unlisted, `Add these to lib/authz/access-matrix.ts with the roles that may use them:\n${unlisted.join("\n")}`).toEqual([]);
  });

  it("lists nothing that no longer exists", () => {
    const present = new Set(doors.map((d) => d.key));
    const stale = Object.keys(accessMatrix).filter((k) => !present.has(k));
    expect(stale, `Remove from lib/authz/access-matrix.ts:\n${stale.join("\n")}`).toEqual([]);
  });

  it("agrees with the role matrix: a permission's roles get in, anonymous visitors only through public doors", () => {
    for (const [key, rule] of Object.entries(accessMatrix)) {
      const expected =
        rule.guard === "public" ? [...everyone] : rule.guard === "signed-in" ? [...roles] : roles.filter((r) => roleCan(r, rule.guard as Permission));
      expect([...rule.allow].sort(), key).toEqual(expected.sort());
      if (rule.guard === "public") expect(rule.note, `${key}: say why a public door is safe`).toBeTruthy();
    }
  });

  it("matches the guard each page, route and action states in its code", () => {
    const mismatches = doors
      .filter((d) => d.key in accessMatrix)
      .map((d) => ({ key: d.key, table: accessMatrix[d.key]!.guard, code: guardInSource(d) }))
      .filter((m) => m.table !== m.code);
    expect(mismatches).toEqual([]);
  });
});
