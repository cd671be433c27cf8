// A local stand-in for the Slack Web API methods Rollcall calls. It records every call, answers the
// way Slack does (same error codes for missing arguments, bad tokens, unknown users, blocks beyond
// Block Kit's limits) and can be told to answer 429 with Retry-After. Used by db tests (random port),
// the e2e spec (fixed port 3299) and the benchmark. Run alone: `npx tsx e2e/slack-stand-in.ts [port]`.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { messageProblems, viewProblems } from "../lib/slack/blocks/limits";

export type StandInUser = { id: string; email: string; name: string; confirmed?: boolean; deleted?: boolean; isBot?: boolean };
export type RecordedCall = { method: string; args: Record<string, unknown>; at: number; status: number; response: Record<string, unknown> };
type Posted = { channel: string; ts: string; text: string; blocks: unknown; user?: string };

const JSON_ARGS = new Set(["blocks", "view", "attachments", "metadata"]);

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

function parseArgs(raw: string, contentType: string): Record<string, unknown> {
  if (contentType.includes("application/json")) return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const args: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (JSON_ARGS.has(key)) {
      try {
        args[key] = JSON.parse(value);
      } catch {
        args[key] = value;
      }
    } else args[key] = value;
  }
  return args;
}

export class SlackStandIn {
  readonly calls: RecordedCall[] = [];
  readonly messages = new Map<string, Posted>();
  private readonly users = new Map<string, StandInUser>();
  private readonly triggers = new Map<string, number>();
  private readonly rateLimits = new Map<string, { remaining: number; retryAfter: number }>();
  private readonly failures = new Map<string, number>();
  private server?: Server;
  private seq = 0;
  port = 0;

  constructor(readonly botToken = "xoxb-stand-in") {}

  /** Base URL for SLACK_API_URL (`…/api/`). */
  get url(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  addUser(user: StandInUser): StandInUser {
    this.users.set(user.id, { confirmed: true, ...user });
    return user;
  }

  /** A trigger_id as Slack puts in an interaction payload: valid for 3 seconds for views.open. */
  triggerId(): string {
    const id = `${Date.now()}.${++this.seq}.stand-in`;
    this.triggers.set(id, Date.now());
    return id;
  }

  /** The next `times` calls to `method` answer HTTP 429 with `Retry-After: retryAfter`. */
  rateLimit(method: string, times: number, retryAfter = 1): void {
    this.rateLimits.set(method, { remaining: times, retryAfter });
  }

  /** Calls Slack answered `ok: true`. */
  /** The next `times` calls to `method` fail with HTTP 503 (Slack having a bad minute). */
  failNext(method: string, times: number): void {
    this.failures.set(method, times);
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method && c.status === 200 && c.response.ok === true);
  }

  /** Every call to the method, refused ones included (429, `ok: false`). */
  attemptsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Forgets recorded calls and rate limits; posted messages stay, as they do in Slack. */
  reset(): void {
    this.calls.length = 0;
    this.rateLimits.clear();
    this.failures.clear();
  }

  /** Resolves with the first recorded call matching, polling until the deadline. */
  async waitForCall(method: string, match: (c: RecordedCall) => boolean = () => true, timeoutMs = 15_000): Promise<RecordedCall> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.callsTo(method).find(match);
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`stand-in: no ${method} call matched within ${timeoutMs} ms (got ${this.callsTo(method).length} ${method} calls)`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async start(port = 0): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req).then(({ status, body, headers }) => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, "127.0.0.1", () => resolve());
    });
    const address = this.server.address();
    this.port = typeof address === "object" && address ? address.port : port;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = undefined;
  }

  private async handle(req: IncomingMessage): Promise<{ status: number; body: Record<string, unknown>; headers?: Record<string, string> }> {
    const method = (req.url ?? "").replace(/^\/api\//, "").split("?")[0] ?? "";
    let args: Record<string, unknown> = {};
    try {
      args = parseArgs(await readBody(req), String(req.headers["content-type"] ?? ""));
    } catch {
      return this.record(method, args, 200, { ok: false, error: "invalid_json" });
    }
    const limit = this.rateLimits.get(method);
    if (limit && limit.remaining > 0) {
      limit.remaining -= 1;
      return this.record(method, args, 429, { ok: false, error: "ratelimited" }, { "retry-after": String(limit.retryAfter) });
    }
    const failing = this.failures.get(method) ?? 0;
    if (failing > 0) {
      this.failures.set(method, failing - 1);
      return this.record(method, args, 503, { ok: false, error: "service_unavailable" });
    }
    const auth = String(req.headers.authorization ?? "");
    const token = auth.startsWith("Bearer ") ? auth.slice(7) : typeof args.token === "string" ? args.token : "";
    if (!token) return this.record(method, args, 200, { ok: false, error: "not_authed" });
    if (token !== this.botToken) return this.record(method, args, 200, { ok: false, error: "invalid_auth" });
    return this.record(method, args, 200, this.answer(method, args));
  }

  private record(method: string, args: Record<string, unknown>, status: number, response: Record<string, unknown>, headers?: Record<string, string>) {
    this.calls.push({ method, args, at: Date.now(), status, response });
    return { status, body: response, headers };
  }

  private userJson(u: StandInUser) {
    return { id: u.id, name: u.name, real_name: u.name, deleted: Boolean(u.deleted), is_bot: Boolean(u.isBot), is_email_confirmed: u.confirmed !== false, profile: { email: u.email, real_name: u.name, display_name: u.name } };
  }

  private dmChannel(channel: string): string {
    return channel.startsWith("U") || channel.startsWith("W") ? `D${channel.slice(1)}` : channel;
  }

  private nextTs(): string {
    return `${Math.floor(Date.now() / 1000)}.${String(++this.seq).padStart(6, "0")}`;
  }

  private messageArgsProblem(args: Record<string, unknown>): Record<string, unknown> | null {
    if (!args.text && !args.blocks) return { ok: false, error: "no_text" };
    if (args.blocks !== undefined) {
      if (!Array.isArray(args.blocks)) return { ok: false, error: "invalid_blocks_format" };
      const problems = messageProblems({ text: args.text, blocks: args.blocks });
      if (problems.length) return { ok: false, error: "invalid_blocks", response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } };
    }
    return null;
  }

  private answer(method: string, args: Record<string, unknown>): Record<string, unknown> {
    const str = (k: string) => (typeof args[k] === "string" ? (args[k] as string) : "");
    switch (method) {
      case "auth.test":
        return { ok: true, url: "https://stand-in.slack.test/", team: "Stand-in", user: "rollcall", team_id: "T0STANDIN", user_id: "U0ROLLCALL", bot_id: "B0ROLLCALL" };
      case "chat.postMessage": {
        if (!str("channel")) return { ok: false, error: "channel_not_found" };
        const problem = this.messageArgsProblem(args);
        if (problem) return problem;
        const channel = this.dmChannel(str("channel"));
        const ts = this.nextTs();
        this.messages.set(`${channel}:${ts}`, { channel, ts, text: str("text"), blocks: args.blocks });
        return { ok: true, channel, ts, message: { type: "message", text: str("text"), ts, blocks: args.blocks } };
      }
      case "chat.update": {
        if (!str("channel")) return { ok: false, error: "channel_not_found" };
        if (!str("ts")) return { ok: false, error: "invalid_arguments", response_metadata: { messages: ["[ERROR] missing required field: ts"] } };
        const key = `${str("channel")}:${str("ts")}`;
        const existing = this.messages.get(key);
        if (!existing) return { ok: false, error: "message_not_found" };
        const problem = this.messageArgsProblem(args);
        if (problem) return problem;
        this.messages.set(key, { ...existing, text: str("text"), blocks: args.blocks });
        return { ok: true, channel: existing.channel, ts: existing.ts, text: str("text") };
      }
      case "chat.postEphemeral": {
        if (!str("channel")) return { ok: false, error: "channel_not_found" };
        if (!str("user")) return { ok: false, error: "user_not_found" };
        const problem = this.messageArgsProblem(args);
        if (problem) return problem;
        return { ok: true, message_ts: this.nextTs() };
      }
      case "views.open": {
        const trigger = str("trigger_id");
        if (!trigger || !this.triggers.has(trigger)) return { ok: false, error: "invalid_trigger_id" };
        if (Date.now() - this.triggers.get(trigger)! > 3000) return { ok: false, error: "expired_trigger_id" };
        this.triggers.delete(trigger);
        return this.viewAnswer(args, "modal");
      }
      case "views.publish":
        if (!str("user_id")) return { ok: false, error: "invalid_arguments", response_metadata: { messages: ["[ERROR] missing required field: user_id"] } };
        return this.viewAnswer(args, "home");
      case "users.info": {
        const user = this.users.get(str("user"));
        return user ? { ok: true, user: this.userJson(user) } : { ok: false, error: "user_not_found" };
      }
      case "users.lookupByEmail": {
        const email = str("email").toLowerCase();
        const user = [...this.users.values()].find((u) => u.email.toLowerCase() === email && !u.deleted);
        return user ? { ok: true, user: this.userJson(user) } : { ok: false, error: "users_not_found" };
      }
      case "conversations.open": {
        const users = str("users");
        if (!users && !str("channel")) return { ok: false, error: "user_not_found" };
        const first = users.split(",")[0] ?? "";
        if (users && !this.users.has(first)) return { ok: false, error: "user_not_found" };
        return { ok: true, channel: { id: users ? this.dmChannel(first) : str("channel") } };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  private viewAnswer(args: Record<string, unknown>, type: "modal" | "home"): Record<string, unknown> {
    const view = args.view as Record<string, unknown> | undefined;
    if (!view || typeof view !== "object") return { ok: false, error: "invalid_arguments", response_metadata: { messages: ["[ERROR] missing required field: view"] } };
    if (view.type !== type) return { ok: false, error: "invalid_arguments", response_metadata: { messages: [`[ERROR] view.type must be ${type}`] } };
    const problems = viewProblems(view);
    if (problems.length) return { ok: false, error: "invalid_arguments", response_metadata: { messages: problems.map((p) => `[ERROR] ${p}`) } };
    return { ok: true, view: { id: `V${++this.seq}`, ...view } };
  }
}

if (process.argv[1]?.endsWith("slack-stand-in.ts")) {
  const standIn = await new SlackStandIn(process.env.SLACK_BOT_TOKEN ?? "xoxb-stand-in").start(Number(process.argv[2] ?? 3299));
  console.log(`Slack stand-in on ${standIn.url} (token ${standIn.botToken})`);
}
