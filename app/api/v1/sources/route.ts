import { route } from "@/lib/route";
import { createSource } from "@/lib/inventory/create-source";
import { createSourceInput } from "@/lib/inventory/schema";
import { listSources } from "@/lib/inventory/source-queries";

export const GET = route({ permission: "inventory:read" }, async ({ actor }) => {
  const sources = await listSources(actor.workspaceId);
  return { sources: sources.map(({ syncs: _syncs, ...s }) => s) };
});

export const POST = route({ permission: "inventory:write", body: createSourceInput }, async ({ actor, body }) => {
  const source = await createSource(actor, body);
  return Response.json(source, { status: 201 });
});
