import { findNodeAtLocation, parseTree, printParseErrorCode, parse as parseLoose, type ParseError } from "jsonc-parser";
import type { IssueList } from "@/lib/inventory/formats/types";

export type JsonPath = (string | number)[];

const utf8 = new TextDecoder("utf-8");

/** `UserDetailList[3].Arn` */
export function pathText(path: JsonPath): string {
  return path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), "") || "(document)";
}

/**
 * A JSON file and a way back from a value's path to its line: parsing uses the fast JSON.parse, and
 * only when something must be reported is the text walked again (jsonc-parser) to find the line.
 */
export class JsonDocument {
  private tree: ReturnType<typeof parseTree> | null = null;
  private lineStarts: number[] | null = null;
  constructor(readonly text: string, readonly value: unknown) {}

  lineOf(path: JsonPath): number | null {
    this.tree ??= parseTree(this.text) ?? null;
    if (!this.tree) return null;
    // Walk up to the nearest ancestor that exists (a missing property is reported on its object).
    for (let p = path; ; p = p.slice(0, -1)) {
      const node = findNodeAtLocation(this.tree, p);
      if (node) return this.lineAtOffset(node.parent?.type === "property" ? node.parent.offset : node.offset);
      if (p.length === 0) return null;
    }
  }

  /** The line of a record for later messages; skipped for very large files where building the tree costs more than it helps. */
  itemLine(path: JsonPath): number | null {
    return this.text.length <= 20 * 1024 * 1024 ? this.lineOf(path) : null;
  }

  private lineAtOffset(offset: number): number {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }
}

/** Parses UTF-8 JSON (a BOM is allowed); a syntax error becomes one issue with its line and column. */
export function readJsonDocument(bytes: Uint8Array, errors: IssueList): JsonDocument | null {
  let text = utf8.decode(bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (!text.trim()) {
    errors.add(1, null, "the file is empty: expected a JSON document");
    return null;
  }
  try {
    return new JsonDocument(text, JSON.parse(text) as unknown);
  } catch {
    const problems: ParseError[] = [];
    parseLoose(text, problems, { allowTrailingComma: false, disallowComments: true });
    const first = problems[0];
    if (!first) {
      errors.add(null, null, "the file is not valid JSON");
      return null;
    }
    const before = text.slice(0, first.offset);
    const line = before.split("\n").length;
    const column = first.offset - before.lastIndexOf("\n");
    errors.add(line, `character ${column}`, `the file is not valid JSON: ${printParseErrorCode(first.error)}`);
    return null;
  }
}

/** Records an issue at a JSON path, resolving the line only now. */
export function issueAt(doc: JsonDocument, list: IssueList, path: JsonPath, reason: string) {
  list.add(doc.lineOf(path), pathText(path), reason);
}

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
export const str = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);
