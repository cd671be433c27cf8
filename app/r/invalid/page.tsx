import type { Metadata } from "next";
import Link from "next/link";

export const metadata: Metadata = { title: "Link not usable" };

const reasons: Record<string, string> = {
  used: "This link was already used. Each review link works once.",
  expired: "This link has expired. Review links work for 72 hours.",
  "someone-else": "This link was sent to someone else. Sign in as that person, or open your own reviews.",
  invalid: "This link is not valid. It may have been cut short by your mail program.",
};

export default async function InvalidLinkPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  return (
    <main className="mx-auto mt-16 max-w-md rounded-lg border border-zinc-200 bg-white p-8 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h1 className="text-xl font-semibold">This review link cannot be used</h1>
      <p className="mt-2 text-sm">{reasons[reason ?? "invalid"] ?? reasons.invalid}</p>
      <Link href="/reviews" className="mt-4 inline-block rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg">Open My reviews</Link>
    </main>
  );
}
