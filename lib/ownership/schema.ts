import { z } from "zod";
import { prefixedId } from "@/lib/ids";

/** Manual owner change on the identity page (form, server action and tests share it). */
export const setIdentityOwnerInput = z
  .object({
    identityId: prefixedId("idn"),
    ownerId: z.union([prefixedId("usr"), z.literal("")]).transform((v) => v || null),
    owningTeamId: z.union([prefixedId("tem"), z.literal("")]).transform((v) => v || null),
    reason: z.string().trim().max(500, "Keep the reason under 500 characters").optional(),
  })
  .refine((v) => v.ownerId || v.owningTeamId, { message: "Choose an owner or a team", path: ["ownerId"] });
export type SetIdentityOwnerInput = z.infer<typeof setIdentityOwnerInput>;

export const userIdParams = z.object({ id: prefixedId("usr") });

/** SCIM-like `PATCH /api/v1/users/{id}` and Settings → People. */
export const setUserStatusInput = z.object({ userId: prefixedId("usr"), status: z.enum(["ACTIVE", "DEPARTED"]) });
export type SetUserStatusInput = z.infer<typeof setUserStatusInput>;
export const patchUserBody = z.object({ status: z.enum(["ACTIVE", "DEPARTED"]) });
