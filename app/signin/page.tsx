import type { Metadata } from "next";
import { connection } from "next/server";
import { env, isDemo, oidcConfigured, smtpConfigured } from "@/lib/env";
import { listDemoUsers } from "@/lib/demo-users";
import { oidcSignInAction } from "@/app/signin/actions";
import { DemoSignInForm } from "@/app/signin/demo-sign-in-form";
import { EmailSignInForm } from "@/app/signin/email-sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ sent?: string; error?: string }> }) {
  await connection();
  const { sent, error } = await searchParams;
  const demoUsers = await listDemoUsers();
  const nothingConfigured = !isDemo() && !oidcConfigured() && !smtpConfigured();
  return (
    <main className="mx-auto mt-16 max-w-md rounded-lg border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h1 className="text-2xl font-semibold">Sign in to Rollcall</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Access reviews for machine identities.</p>
      {sent ? <p role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">Check your email for a sign-in link.</p> : null}
      {error ? <p role="alert" className="mt-4 rounded-md bg-red-50 p-3 text-sm text-red-900">Sign-in failed. Your account may not exist in Rollcall or may be inactive.</p> : null}
      <div className="mt-6 space-y-6">
        {oidcConfigured() ? (
          <form action={oidcSignInAction}>
            <button type="submit" className="w-full rounded-md bg-accent px-3 py-2 text-sm font-medium text-accent-fg">Continue with {env().OIDC_NAME}</button>
          </form>
        ) : null}
        {smtpConfigured() ? <EmailSignInForm /> : null}
        {isDemo() ? <DemoSignInForm users={demoUsers} /> : null}
        {nothingConfigured ? (
          <p className="text-sm text-zinc-600 dark:text-zinc-400">
            No sign-in method is configured. Set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET for SSO, or SMTP_URL for email links.
          </p>
        ) : null}
      </div>
    </main>
  );
}
