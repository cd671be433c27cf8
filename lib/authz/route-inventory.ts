// Lists every door into the app by scanning the file tree (not a hand-kept list): pages (app/**/page.tsx),
// route handlers (app/**/route.ts, one entry per exported HTTP method) and server actions (exported
// functions of "use server" files, and inline "use server" functions). Used by the access-matrix unit test
// and e2e/access-matrix.spec.ts; node-only, never imported by the app.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export type Door =
  | { kind: "page"; key: string; path: string; file: string }
  | { kind: "api"; key: string; method: string; path: string; file: string }
  | { kind: "action"; key: string; name: string; file: string; inline: boolean };

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function walk(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(full, out);
    else if (/\.(ts|tsx)$/.test(entry.name)) out.push(full);
  }
  return out;
}

/** app/(app)/campaigns/[id]/page.tsx → /campaigns/[id] (route groups vanish from the URL). */
export function urlPathOf(relFile: string): string {
  const segments = relFile.split("/").slice(1, -1).filter((s) => !(s.startsWith("(") && s.endsWith(")")));
  return "/" + segments.join("/");
}

function exportedMethods(source: string): string[] {
  const found = new Set<string>();
  for (const m of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) found.add(m[1]!);
  for (const m of source.matchAll(/export\s+const\s*\{([^}]*)\}/g)) {
    for (const name of m[1]!.split(",").map((s) => s.trim().split(/\s*:\s*|\s+as\s+/).pop()!)) if ((METHODS as readonly string[]).includes(name)) found.add(name);
  }
  for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const name of m[1]!.split(",").map((s) => s.trim().split(/\s+as\s+/).pop()!)) if ((METHODS as readonly string[]).includes(name)) found.add(name);
  }
  return [...found].sort();
}

const isUseServerFile = (source: string) => /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*["']use server["']/.test(source);

/** Every page, route method and server action under `root/app`, sorted by key. */
export function scanDoors(root: string): Door[] {
  const appDir = path.join(root, "app");
  const doors: Door[] = [];
  for (const full of walk(appDir)) {
    const file = path.relative(root, full).split(path.sep).join("/");
    const base = path.basename(file);
    const source = readFileSync(full, "utf8");
    if (base === "page.tsx" || base === "page.ts") {
      const p = urlPathOf(file);
      doors.push({ kind: "page", key: `PAGE ${p}`, path: p, file });
    } else if (base === "route.ts" || base === "route.tsx") {
      const p = urlPathOf(file);
      for (const method of exportedMethods(source)) doors.push({ kind: "api", key: `${method} ${p}`, method, path: p, file });
    }
    if (isUseServerFile(source)) {
      for (const m of source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)) doors.push({ kind: "action", key: `ACTION ${file}#${m[1]}`, name: m[1]!, file, inline: false });
      for (const m of source.matchAll(/export\s+const\s+(\w+)\s*=\s*async/g)) doors.push({ kind: "action", key: `ACTION ${file}#${m[1]}`, name: m[1]!, file, inline: false });
    } else {
      for (const m of source.matchAll(/(?:async\s+function\s+(\w+)\s*\([^)]*\)[^{]*|const\s+(\w+)\s*=\s*async\s*\([^)]*\)\s*=>\s*)\{\s*["']use server["']/g)) {
        const name = (m[1] ?? m[2])!;
        doors.push({ kind: "action", key: `ACTION ${file}#${name}`, name, file, inline: true });
      }
    }
  }
  return doors.sort((a, b) => a.key.localeCompare(b.key));
}
