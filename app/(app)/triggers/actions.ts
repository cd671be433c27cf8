"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { dryRunInput, updateTriggerRuleInput } from "@/lib/triggers/schema";
import { updateTriggerRule } from "@/lib/triggers/update-trigger-rule";
import { dryRunTriggers } from "@/lib/triggers/dry-run";

const update = action("triggers:manage", updateTriggerRuleInput, async (actor, input) => {
  const rule = await updateTriggerRule(actor, input);
  revalidatePath("/triggers");
  return { id: rule.id, enabled: rule.enabled };
});

const dryRun = action("triggers:manage", dryRunInput, (actor, input) => dryRunTriggers(actor, input));

export async function updateTriggerRuleAction(input: Parameters<typeof update>[0]) {
  return update(input);
}

export async function dryRunTriggersAction(input: Parameters<typeof dryRun>[0]) {
  return dryRun(input);
}
