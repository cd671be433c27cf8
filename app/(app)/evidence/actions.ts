"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/action";
import { prefixedId } from "@/lib/ids";
import { periodFromForm, periodPackForm } from "@/lib/evidence/schema";
import { requestEvidencePack } from "@/lib/evidence/request-evidence-pack";

const campaignPack = action("evidence:generate", z.object({ campaignId: prefixedId("cmp") }), async (actor, input) => {
  const pack = await requestEvidencePack(actor, input);
  revalidatePath("/evidence");
  return { packId: pack.id };
});

const periodPack = action("evidence:generate", periodPackForm, async (actor, input) => {
  const pack = await requestEvidencePack(actor, periodFromForm(input));
  revalidatePath("/evidence");
  return { packId: pack.id };
});

export async function requestCampaignPackAction(input: Parameters<typeof campaignPack>[0]) {
  return campaignPack(input);
}

export async function requestPeriodPackAction(input: Parameters<typeof periodPack>[0]) {
  return periodPack(input);
}
