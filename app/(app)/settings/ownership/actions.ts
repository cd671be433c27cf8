"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { applyOwnerRules } from "@/lib/owner-rules/apply-owner-rules";
import { createOwnerRule } from "@/lib/owner-rules/create-owner-rule";
import { deleteOwnerRule } from "@/lib/owner-rules/delete-owner-rule";
import { moveOwnerRule } from "@/lib/owner-rules/move-owner-rule";
import { moveOwnerRuleInput, ownerRuleIdInput, ownerRuleInput, updateOwnerRuleInput } from "@/lib/owner-rules/schema";
import { updateOwnerRule } from "@/lib/owner-rules/update-owner-rule";
import { z } from "zod";

const PATH = "/settings/ownership";

const create = action("inventory:write", ownerRuleInput, async (actor, input) => {
  const rule = await createOwnerRule(actor, input);
  revalidatePath(PATH);
  return { id: rule.id };
});

const update = action("inventory:write", updateOwnerRuleInput, async (actor, { id, ...fields }) => {
  await updateOwnerRule(actor, id, fields);
  revalidatePath(PATH);
  return { id };
});

const remove = action("inventory:write", ownerRuleIdInput, async (actor, { id }) => {
  const result = await deleteOwnerRule(actor, id);
  revalidatePath(PATH);
  return result;
});

const move = action("inventory:write", moveOwnerRuleInput, async (actor, input) => {
  const result = await moveOwnerRule(actor, input);
  revalidatePath(PATH);
  return result;
});

const apply = action("inventory:write", z.object({}), async (actor) => {
  const result = await applyOwnerRules(actor);
  revalidatePath(PATH);
  return result;
});

export async function createOwnerRuleAction(input: Parameters<typeof create>[0]) {
  return create(input);
}
export async function updateOwnerRuleAction(input: Parameters<typeof update>[0]) {
  return update(input);
}
export async function deleteOwnerRuleAction(input: Parameters<typeof remove>[0]) {
  return remove(input);
}
export async function moveOwnerRuleAction(input: Parameters<typeof move>[0]) {
  return move(input);
}
export async function applyOwnerRulesAction() {
  return apply({});
}
