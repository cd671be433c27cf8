import type { Adapter, AdapterUser } from "next-auth/adapters";
import { db } from "@/lib/db";

type UserRow = { id: string; email: string; name: string; emailVerified: Date | null; image: string | null };
const toAdapterUser = (u: UserRow): AdapterUser => ({ id: u.id, email: u.email, name: u.name, emailVerified: u.emailVerified, image: u.image });

/**
 * Auth.js storage for magic-link tokens and linked SSO accounts. People are provisioned by an admin
 * (or seed); signing in never creates a user, so `createUser` refuses.
 */
export const rollcallAdapter: Adapter = {
  async createUser() {
    throw new Error("Rollcall does not create users at sign-in; ask an admin to add you.");
  },
  async getUser(id) {
    const u = await db.user.findUnique({ where: { id } });
    return u ? toAdapterUser(u) : null;
  },
  async getUserByEmail(email) {
    const u = await db.user.findUnique({ where: { email: email.toLowerCase() } });
    return u ? toAdapterUser(u) : null;
  },
  async getUserByAccount({ provider, providerAccountId }) {
    const account = await db.account.findUnique({
      where: { provider_providerAccountId: { provider, providerAccountId } },
      include: { user: true },
    });
    return account ? toAdapterUser(account.user) : null;
  },
  async updateUser(user) {
    const u = await db.user.update({ where: { id: user.id }, data: { emailVerified: user.emailVerified ?? undefined } });
    return toAdapterUser(u);
  },
  async linkAccount(account) {
    await db.account.create({
      data: {
        userId: account.userId,
        type: account.type,
        provider: account.provider,
        providerAccountId: account.providerAccountId,
        id_token: account.id_token ?? null,
        scope: account.scope ?? null,
        token_type: account.token_type ?? null,
        expires_at: account.expires_at ?? null,
      },
    });
  },
  async createVerificationToken(token) {
    return db.verificationToken.create({ data: token });
  },
  async useVerificationToken({ identifier, token }) {
    // deleteMany makes a replayed link find nothing instead of throwing.
    const found = await db.verificationToken.findUnique({ where: { identifier_token: { identifier, token } } });
    if (!found) return null;
    const deleted = await db.verificationToken.deleteMany({ where: { identifier, token } });
    return deleted.count === 1 ? found : null;
  },
};
