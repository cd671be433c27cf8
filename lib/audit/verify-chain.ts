import { db } from "@/lib/db";
import { GENESIS_HASH, checkLinks, type ChainBreak } from "@/lib/audit/chain";

export type ChainReport = { ok: true; checked: number; headSeq: number; headHash: string } | { ok: false; checked: number; broken: ChainBreak };

const PAGE = 2000;

/** Walks a workspace's audit chain from the first event and names the first broken link. */
export async function verifyAuditChain(workspaceId: string): Promise<ChainReport> {
  let cursor = { seq: 0, hash: GENESIS_HASH };
  let checked = 0;
  for (;;) {
    const links = await db.auditEvent.findMany({
      where: { workspaceId, seq: { gt: cursor.seq } },
      orderBy: { seq: "asc" },
      take: PAGE,
    });
    if (links.length === 0) return { ok: true, checked, headSeq: cursor.seq, headHash: cursor.hash };
    const result = checkLinks(links, cursor);
    if ("broken" in result) return { ok: false, checked: checked + links.findIndex((l) => l.id === result.broken.id), broken: result.broken };
    checked += links.length;
    cursor = result.next;
  }
}
