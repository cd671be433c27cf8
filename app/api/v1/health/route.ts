import { route } from "@/lib/route";
import { checkHealth } from "@/lib/health";

export const dynamic = "force-dynamic";

export const GET = route({ permission: null }, async () => {
  const health = await checkHealth();
  return Response.json(health, { status: health.ok ? 200 : 503 });
});
