import { z } from "zod";
import { apiKeyScopes } from "@/lib/authz/permissions";
import { prefixedId } from "@/lib/ids";

export const createApiKeyInput = z.object({
  name: z.string().trim().min(1, "Give the key a name").max(80, "Keep the name under 80 characters"),
  scopes: z.array(z.enum(apiKeyScopes)).min(1, "Choose at least one scope"),
  expiresInDays: z.coerce.number().int().min(1).max(730).nullable().default(90),
});
export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

export const revokeApiKeyInput = z.object({ apiKeyId: prefixedId("key") });
export type RevokeApiKeyInput = z.infer<typeof revokeApiKeyInput>;
