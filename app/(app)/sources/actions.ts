"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { createSource } from "@/lib/inventory/create-source";
import { createSourceInput } from "@/lib/inventory/schema";

const create = action("inventory:write", createSourceInput, async (actor, input) => {
  const source = await createSource(actor, input);
  revalidatePath("/sources");
  return { id: source.id, name: source.name };
});

export async function createSourceAction(input: Parameters<typeof create>[0]) {
  return create(input);
}
