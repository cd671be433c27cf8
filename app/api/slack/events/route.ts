import { handleSlackRequest } from "@/lib/slack/receiver";

// One Request URL for Slack's Events API, interactivity and slash commands (slack/manifest.yml).
export const dynamic = "force-dynamic";
export const runtime = "nodejs";

export const POST = handleSlackRequest;
