import type { Metadata } from "next";
import { requirePage } from "@/lib/auth";
import { notificationSettings } from "@/lib/slack/queries";
import { PageHeader } from "@/components/ui/page-header";
import { NotificationsForm } from "@/app/(app)/profile/notifications-form";

export const metadata: Metadata = { title: "Notifications" };

export default async function ProfilePage() {
  const actor = await requirePage("reviews:read");
  const settings = await notificationSettings(actor.workspaceId, actor.userId);
  const slackState = !settings.slackOn
    ? "Slack is not connected to this Rollcall, so everything comes by email."
    : settings.slackLinked
      ? "Your Slack account is linked."
      : `Your Slack account is not linked yet: Rollcall links it by your email (${settings.email}) the first time it messages you or you use /rollcall.`;
  return (
    <>
      <PageHeader title="Notifications" description="How Rollcall tells you about reviews waiting for you. You can change this in Slack too, on Rollcall's Home tab." />
      <p className="mb-4 text-sm text-zinc-600 dark:text-zinc-400" data-testid="slack-link-state">{slackState}</p>
      <NotificationsForm current={settings.notifyVia} slackOn={settings.slackOn} />
    </>
  );
}
