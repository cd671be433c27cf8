import { route } from "@/lib/route";
import { patchUserBody, userIdParams } from "@/lib/ownership/schema";
import { setUserStatus } from "@/lib/ownership/set-user-status";

/** SCIM-like offboarding: `{"status": "DEPARTED"}` orphans the person's identities at once. */
export const PATCH = route({ permission: "people:write", params: userIdParams, body: patchUserBody }, async ({ actor, params, body }) => {
  const result = await setUserStatus(actor, { userId: params.id, status: body.status });
  return { id: params.id, status: body.status, ...result };
});
