import { describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { rollcallAdapter } from "@/lib/auth-adapter";
import { createUser, createWorkspace } from "@/prisma/factories";

describe("Auth.js adapter", () => {
  it("lets a magic-link token be used once only", async () => {
    const expires = new Date(Date.now() + 60_000);
    await rollcallAdapter.createVerificationToken!({ identifier: "ana@acme.test", token: "hashed-token", expires });
    const results = await Promise.all([
      rollcallAdapter.useVerificationToken!({ identifier: "ana@acme.test", token: "hashed-token" }),
      rollcallAdapter.useVerificationToken!({ identifier: "ana@acme.test", token: "hashed-token" }),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await rollcallAdapter.useVerificationToken!({ identifier: "ana@acme.test", token: "hashed-token" })).toBeNull();
  });

  it("finds provisioned people by email, case-insensitively, and never creates anyone", async () => {
    const ws = await createWorkspace(db);
    const user = await createUser(db, ws.id, { email: "Dana.Data@Acme.test" });
    expect((await rollcallAdapter.getUserByEmail!("DANA.DATA@acme.test"))?.id).toBe(user.id);
    await expect(rollcallAdapter.createUser!({ id: "x", email: "new@acme.test", emailVerified: null })).rejects.toThrow(/does not create users/);
    expect(await db.user.count({ where: { email: "new@acme.test" } })).toBe(0);
  });

  it("links an SSO account to the existing person and finds them by it", async () => {
    const ws = await createWorkspace(db);
    const user = await createUser(db, ws.id);
    await rollcallAdapter.linkAccount!({ userId: user.id, type: "oidc", provider: "oidc", providerAccountId: "okta|123" });
    expect((await rollcallAdapter.getUserByAccount!({ provider: "oidc", providerAccountId: "okta|123" }))?.id).toBe(user.id);
    expect(await rollcallAdapter.getUserByAccount!({ provider: "oidc", providerAccountId: "okta|999" })).toBeNull();
  });
});
