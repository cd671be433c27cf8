"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { explainRemediation } from "@/lib/remediation/explain-remediation";
import { explainRemediationInput } from "@/lib/remediation/schema";

const explain = action("reviews:decide", explainRemediationInput, async (actor, input) => {
  const result = await explainRemediation(actor, input);
  revalidatePath("/campaigns", "layout");
  revalidatePath("/reviews", "layout");
  return result;
});

export async function explainRemediationAction(input: Parameters<typeof explain>[0]) {
  return explain(input);
}
