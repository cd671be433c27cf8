/** Skeleton shown while a page's server data loads. */
export default function Loading() {
  return (
    <div aria-busy="true" aria-label="Loading" className="animate-pulse space-y-3">
      <div className="h-6 w-48 rounded bg-zinc-200 dark:bg-zinc-800" />
      <div className="h-4 w-96 rounded bg-zinc-200 dark:bg-zinc-800" />
      {Array.from({ length: 8 }, (_, i) => (
        <div key={i} className="h-8 rounded bg-zinc-100 dark:bg-zinc-900" />
      ))}
    </div>
  );
}
