"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { bulkAttest } from "@/lib/reviews/bulk-attest";
import { createDelegation } from "@/lib/reviews/create-delegation";
import { decide } from "@/lib/reviews/decide";
import { nextOpenItemId } from "@/lib/reviews/queries";
import { bulkAttestInput, createDelegationInput, decideInput } from "@/lib/reviews/schema";
import { markRemediationDone } from "@/lib/remediation/mark-remediation-done";
import { markRemediationDoneInput } from "@/lib/remediation/schema";

const decideOne = action("reviews:decide", decideInput, async (actor, input) => {
  const decision = await decide(actor, input, "WEB");
  const nextItemId = await nextOpenItemId(actor.workspaceId, actor.userId, input.itemId);
  revalidatePath("/reviews", "layout");
  return { decisionId: decision.id, kind: decision.kind, nextItemId };
});

const keepMany = action("reviews:decide", bulkAttestInput, async (actor, input) => {
  const result = await bulkAttest(actor, input, "WEB");
  revalidatePath("/reviews", "layout");
  return result;
});

const delegate = action("reviews:decide", createDelegationInput, async (actor, input) => {
  const d = await createDelegation(actor, input);
  revalidatePath("/reviews");
  return { id: d.id };
});

const remediationDone = action("reviews:decide", markRemediationDoneInput, async (actor, input) => {
  await markRemediationDone(actor, input);
  revalidatePath("/reviews", "layout");
  return null;
});

export async function decideAction(input: Parameters<typeof decideOne>[0]) {
  return decideOne(input);
}

export async function bulkAttestAction(input: Parameters<typeof keepMany>[0]) {
  return keepMany(input);
}

export async function createDelegationAction(input: Parameters<typeof delegate>[0]) {
  return delegate(input);
}

export async function markRemediationDoneAction(input: Parameters<typeof remediationDone>[0]) {
  return remediationDone(input);
}
