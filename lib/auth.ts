import NextAuth from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Nodemailer from "next-auth/providers/nodemailer";
import { forbidden, redirect } from "next/navigation";
import { z } from "zod";
import { db } from "@/lib/db";
import { env, isDemo, oidcConfigured, smtpConfigured } from "@/lib/env";
import { rollcallAdapter } from "@/lib/auth-adapter";
import { sendMagicLink } from "@/lib/notify/send-magic-link";
import type { UserActor } from "@/lib/authz/actor";
import { roleCan, type Permission } from "@/lib/authz/permissions";

const demoInput = z.object({ userId: z.string().regex(/^usr_[a-z0-9]+$/) });

function providers() {
  const list = [];
  if (oidcConfigured()) {
    list.push({
      id: "oidc",
      name: env().OIDC_NAME,
      type: "oidc" as const,
      issuer: env().OIDC_ISSUER,
      clientId: env().OIDC_CLIENT_ID,
      clientSecret: env().OIDC_CLIENT_SECRET,
      // The IdP has verified the address; the person must already exist in Rollcall (see signIn).
      allowDangerousEmailAccountLinking: true,
    });
  }
  if (smtpConfigured()) {
    list.push(Nodemailer({ server: env().SMTP_URL, from: env().MAIL_FROM, sendVerificationRequest: sendMagicLink }));
  }
  if (isDemo()) {
    list.push(
      Credentials({
        id: "demo",
        name: "Demo",
        credentials: { userId: { label: "User" } },
        async authorize(raw) {
          // Checked again here, not only when listing providers: a demo flag flipped off must lock the door.
          if (!isDemo()) return null;
          const parsed = demoInput.safeParse(raw);
          if (!parsed.success) return null;
          const user = await db.user.findFirst({ where: { id: parsed.data.userId, status: "ACTIVE" } });
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
    );
  }
  return list;
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  adapter: rollcallAdapter,
  providers: providers(),
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  trustHost: true,
  secret: env().AUTH_SECRET,
  pages: { signIn: "/signin", verifyRequest: "/signin?sent=1", error: "/signin" },
  callbacks: {
    async signIn({ user }) {
      // Only people provisioned in a workspace and still active may sign in, whatever the provider.
      const email = user.email?.toLowerCase();
      if (!email) return false;
      const found = await db.user.findUnique({ where: { email }, select: { status: true } });
      return found?.status === "ACTIVE";
    },
    async jwt({ token, user }) {
      if (user?.id) token.uid = user.id;
      return token;
    },
    async session({ session, token }) {
      if (typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
}));

/**
 * The signed-in person as an actor, read fresh from the database on every request so that a role
 * change or a departure takes effect immediately rather than when the session expires.
 */
export async function currentActor(): Promise<UserActor | null> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return null;
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user || user.status !== "ACTIVE") return null;
  return { type: "USER", workspaceId: user.workspaceId, userId: user.id, role: user.role, label: user.email };
}

/** For pages: sends strangers to sign in and answers 403 to people whose role lacks the permission. */
export async function requirePage(permission?: Permission): Promise<UserActor> {
  const actor = await currentActor();
  if (!actor) redirect("/signin");
  if (permission && !roleCan(actor.role, permission)) forbidden();
  return actor;
}
