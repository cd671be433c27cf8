import { route } from "@/lib/route";
import { applyOwnerRules } from "@/lib/owner-rules/apply-owner-rules";

/** "Apply rules now" to the current inventory; answers the counts (also in the audit log). */
export const POST = route({ permission: "inventory:write" }, async ({ actor }) => applyOwnerRules(actor));
