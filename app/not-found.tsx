import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-md p-10 text-center">
      <h1 className="text-xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400">Nothing here, or it belongs to another workspace.</p>
      <Link href="/" className="mt-6 inline-block text-sm font-medium text-accent underline">Go to your home page</Link>
    </main>
  );
}
