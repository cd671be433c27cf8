"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/action";
import { setNotifyPreferenceInput } from "@/lib/slack/schema";
import { setNotifyPreference } from "@/lib/slack/set-notify-preference";

// The same command and zod schema as the App Home selector in Slack; audited as user.notify-preference-changed.
const save = action("reviews:read", setNotifyPreferenceInput, async (actor, input) => {
  await setNotifyPreference(actor, input);
  revalidatePath("/profile");
  return input;
});

export async function setNotifyPreferenceAction(input: Parameters<typeof save>[0]) {
  return save(input);
}
