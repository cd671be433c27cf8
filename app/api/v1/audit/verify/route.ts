import { route } from "@/lib/route";
import { verifyAuditChain } from "@/lib/audit/verify-chain";

export const GET = route({ permission: "audit:read" }, async ({ actor }) => verifyAuditChain(actor.workspaceId));
