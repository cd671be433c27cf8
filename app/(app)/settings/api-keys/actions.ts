"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { createApiKeyInput, revokeApiKeyInput } from "@/lib/api-keys/schema";
import { createApiKey } from "@/lib/api-keys/create-api-key";
import { revokeApiKey } from "@/lib/api-keys/revoke-api-key";

const create = action("settings:manage", createApiKeyInput, async (actor, input) => {
  const key = await createApiKey(actor, input);
  revalidatePath("/settings/api-keys");
  return { id: key.id, name: key.name, secret: key.secret };
});

const revoke = action("settings:manage", revokeApiKeyInput, async (actor, input) => {
  await revokeApiKey(actor, input);
  revalidatePath("/settings/api-keys");
  return null;
});

export async function createApiKeyAction(input: Parameters<typeof create>[0]) {
  return create(input);
}

export async function revokeApiKeyAction(input: Parameters<typeof revoke>[0]) {
  return revoke(input);
}
