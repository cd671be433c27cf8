import { describe, expect, it } from "vitest";
import { render } from "@react-email/render";
import MagicLinkEmail from "@/emails/magic-link";
import ReviewAssignedEmail from "@/emails/review-assigned";
import ReviewReminderEmail from "@/emails/review-reminder";
import ReviewEscalatedEmail from "@/emails/review-escalated";
import ExceptionExpiringEmail from "@/emails/exception-expiring";
import CampaignClosedEmail from "@/emails/campaign-closed";

const items = [
  { name: "ci-deployer", kind: "service account", reason: "ci-deployer requested 412 tokens today; its 30-day median is 9", due: "due in 3 days (2026-12-01)", url: "https://rollcall.example/r/abc.def" },
  { name: "backup-bot", kind: "bot", reason: "Scheduled review", due: "overdue by 2 days", url: "https://rollcall.example/r/ghi.jkl" },
];
const inboxUrl = "https://rollcall.example/reviews";

// Every template renders to HTML and to plain text with its essential content (title, names, links).
describe("email templates", () => {
  it.each([
    ["magic-link", MagicLinkEmail({ url: "https://rollcall.example/api/auth/callback/nodemailer?token=abc", host: "rollcall.example" }), ["Sign in to Rollcall", "token=abc"], "sign in to rollcall"],
    ["review-assigned", ReviewAssignedEmail({ recipientName: "Olivia", campaignName: "Q4 review", dueDate: "2026-12-01", items, more: 3, inboxUrl }), ["You have 5 reviews in Q4 review", "ci-deployer", "https://rollcall.example/r/abc.def", "and 3 more"], "you have 5 reviews"],
    ["review-reminder", ReviewReminderEmail({ recipientName: "Olivia", items, more: 0, overdue: 1, inboxUrl }), ["Reminder: 2 reviews waiting", "1 of these is past due", "backup-bot", "https://rollcall.example/r/ghi.jkl"], "reminder: 2 reviews"],
    ["review-escalated", ReviewEscalatedEmail({ recipientName: "Lee", reviewerName: "Olivia Owner", items: items.slice(0, 1), more: 0, inboxUrl }), ["Escalated to you: 1 overdue review", "Olivia Owner has not answered"], "escalated to you"],
    ["exception-expiring", ExceptionExpiringEmail({ recipientName: "Olivia", identityName: "ci-deployer", until: "2026-12-24", justification: "Needed until the Q2 migration", url: "https://rollcall.example/r/x.y" }), ["ends on 2026-12-24", "Needed until the Q2 migration", "https://rollcall.example/r/x.y"], "the exception for ci-deployer"],
    ["campaign-closed", CampaignClosedEmail({ recipientName: "Chris", campaignName: "Q4 review", signedOffBy: "Chris Compliance", signedOffAt: "2026-12-02 10:00 UTC", statement: "All owners answered.", counts: { total: 10, kept: 6, revoked: 2, reduced: 1, exceptions: 1, reassigned: 0, unanswered: 0 }, url: "https://rollcall.example/campaigns/cmp_1" }), ["Q4 review is closed", "All owners answered.", "6 kept, 2 revoked"], "q4 review is closed"],
  ] as const)("%s renders", async (_name, element, mustContain, inText) => {
    const html = await render(element);
    const text = await render(element, { plainText: true });
    expect(html).toMatch(/^<!DOCTYPE html/);
    for (const s of mustContain) expect(html.replaceAll("&amp;", "&").replace(/<!-- -->/g, "")).toContain(s);
    expect(text.toLowerCase()).toContain(inText);
    expect(text).not.toContain("<");
  });
});
