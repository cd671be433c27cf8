import Link from "next/link";

/** Server-side pagination links that keep the other URL filters. */
export function Pager({ basePath, params, page, hasNext }: { basePath: string; params: Record<string, string | undefined>; page: number; hasNext: boolean }) {
  const href = (p: number) => {
    const q = new URLSearchParams(Object.entries({ ...params, page: String(p) }).filter((e): e is [string, string] => Boolean(e[1])));
    return `${basePath}?${q.toString()}`;
  };
  return (
    <nav aria-label="Pagination" className="mt-4 flex items-center justify-between text-sm">
      <span>Page {page}</span>
      <span className="space-x-3">
        {page > 1 ? <Link className="underline" href={href(page - 1)}>Previous</Link> : null}
        {hasNext ? <Link className="underline" href={href(page + 1)}>Next</Link> : null}
      </span>
    </nav>
  );
}
