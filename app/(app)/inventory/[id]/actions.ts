"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { setIdentityOwnerInput } from "@/lib/ownership/schema";
import { setIdentityOwner } from "@/lib/ownership/set-identity-owner";

const setOwner = action("inventory:write", setIdentityOwnerInput, async (actor, input) => {
  const result = await setIdentityOwner(actor, input);
  revalidatePath(`/inventory/${input.identityId}`);
  return result;
});

export async function setIdentityOwnerAction(input: Parameters<typeof setOwner>[0]) {
  return setOwner(input);
}
