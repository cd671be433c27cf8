import { Readable } from "node:stream";
import { route } from "@/lib/route";
import { packIdParams } from "@/lib/evidence/schema";
import { openPackDownload } from "@/lib/evidence/open-pack-download";

/** The pack's ZIP, streamed from storage; each download is an audit record. */
export const GET = route({ permission: "evidence:read", params: packIdParams }, async ({ actor, params }) => {
  const download = await openPackDownload(actor, { packId: params.id });
  return new Response(Readable.toWeb(download.stream) as ReadableStream, {
    headers: {
      "content-type": "application/zip",
      "content-length": String(download.size),
      "content-disposition": `attachment; filename="${download.fileName}"`,
      "x-rollcall-pack-sha256": download.pack.sha256 ?? "",
    },
  });
});
