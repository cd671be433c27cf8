import type { TriggerKind } from "@/prisma/generated/enums";
import type { FindingDraft } from "@/lib/triggers/types";

export type RuleConfig = { id: string | null; kind: TriggerKind; enabled: boolean; params: Record<string, number>; cooldownHours: number };

const HOUR_MS = 3_600_000;

/**
 * Lets through one finding per (rule, identity) per cooldown: not when the pair already fired within
 * its cooldown before this run (`blocked`), nor twice within the cooldown during the run (measured
 * on the findings' own times, so replaying a month of history behaves like living through it).
 */
export class FindingGate {
  readonly accepted: FindingDraft[] = [];
  private fired = new Map<string, Date>();

  constructor(
    readonly rules: Map<TriggerKind, RuleConfig>,
    private readonly blocked: Set<string>,
    private readonly includeDisabled = false,
  ) {}

  /** The rule when it is to be evaluated (switched on, or everything in a dry run). */
  on(kind: TriggerKind): RuleConfig | null {
    const rule = this.rules.get(kind);
    return rule && (rule.enabled || this.includeDisabled) ? rule : null;
  }

  params(kind: TriggerKind): Record<string, number> {
    return this.rules.get(kind)?.params ?? {};
  }

  offer(draft: FindingDraft | null): void {
    if (!draft) return;
    const rule = this.on(draft.kind);
    if (!rule) return;
    const key = `${draft.kind}:${draft.identityId}`;
    if (this.blocked.has(key)) return;
    const last = this.fired.get(key);
    if (last && Math.abs(draft.at.getTime() - last.getTime()) < rule.cooldownHours * HOUR_MS) return;
    this.fired.set(key, draft.at);
    this.accepted.push(draft);
  }
}
