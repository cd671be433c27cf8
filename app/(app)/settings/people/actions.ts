"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { setUserStatusInput } from "@/lib/ownership/schema";
import { setUserStatus } from "@/lib/ownership/set-user-status";

const setStatus = action("people:write", setUserStatusInput, async (actor, input) => {
  const result = await setUserStatus(actor, input);
  revalidatePath("/settings/people");
  return result;
});

export async function setUserStatusAction(input: Parameters<typeof setStatus>[0]) {
  return setStatus(input);
}
