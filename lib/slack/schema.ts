import { z } from "zod";

export const notifyViaChoices = ["BOTH", "SLACK", "EMAIL"] as const;

/** Where a person wants their reviews, reminders and escalations (App Home today, the web settings later). */
export const setNotifyPreferenceInput = z.object({ notifyVia: z.enum(notifyViaChoices) });
export type SetNotifyPreferenceInput = z.infer<typeof setNotifyPreferenceInput>;
