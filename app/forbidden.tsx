import Link from "next/link";

export default function Forbidden() {
  return (
    <main className="mx-auto max-w-md p-10 text-center">
      <h1 className="text-xl font-semibold">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">Your role does not include it. Ask a workspace admin if you need it.</p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-accent underline">Go to your home page</Link>
    </main>
  );
}
