import { randomBytes } from "node:crypto";
import path from "node:path";
import { env } from "@/lib/env";

// Finished packs live under <ROLLCALL_DATA_DIR>/evidence/<workspace>/<pack>.zip; the database keeps
// the path relative to the data directory, with the pack's hashes.

export const dataDir = () => path.resolve(env().ROLLCALL_DATA_DIR);

/** Unique per build, so a retried build that overlaps a slow one can never overwrite the file the database describes. */
export const packStoragePath = (workspaceId: string, packId: string) => path.join("evidence", workspaceId, `${packId}.${randomBytes(4).toString("hex")}.zip`);

/** The absolute path of a stored pack; refuses anything that would leave the data directory. */
export function resolvePackPath(storagePath: string): string {
  const root = dataDir();
  const full = path.resolve(root, storagePath);
  if (!full.startsWith(root + path.sep)) throw new Error(`Refusing a pack path outside the data directory: ${storagePath}`);
  return full;
}
