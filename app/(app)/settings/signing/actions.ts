"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/action";
import { rotateSigningKey } from "@/lib/signing/rotate-signing-key";

const rotate = action("settings:manage", z.object({}), async (actor) => {
  const key = await rotateSigningKey(actor);
  revalidatePath("/settings/signing");
  return { fingerprint: key.fingerprint };
});

export async function rotateSigningKeyAction() {
  return rotate({});
}
