"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

export type NavLink = { href: string; label: string; badge?: number };

export function NavLinks({ items }: { items: NavLink[] }) {
  const pathname = usePathname();
  return (
    <ul className="space-y-1">
      {items.map((item) => {
        const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <li key={item.href}>
            <Link
              href={item.href}
              aria-current={active ? "page" : undefined}
              className={`flex items-center justify-between rounded-md px-3 py-2 text-sm ${active ? "bg-zinc-200 font-medium dark:bg-zinc-800" : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-900"}`}
            >
              <span>{item.label}</span>
              {item.badge ? <span className="rounded-full bg-amber-100 px-2 text-xs font-medium text-amber-900">{item.badge}</span> : null}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
