import type { Metadata } from "next";
import { requirePage } from "@/lib/auth";
import { listOwnerRulesWithCounts, ownerRuleFormChoices, type OwnerRuleRow } from "@/lib/owner-rules/queries";
import { IdentityKind } from "@/prisma/generated/enums";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";
import { ApplyRulesButton } from "@/app/(app)/settings/ownership/apply-rules-button";
import { RuleForm } from "@/app/(app)/settings/ownership/rule-form";
import { RuleRowActions } from "@/app/(app)/settings/ownership/rule-row-actions";

export const metadata: Metadata = { title: "Ownership rules" };

function conditions(rule: OwnerRuleRow): string {
  const parts = [
    rule.sourceId ? `source ${rule.source?.name ?? "(deleted)"}` : null,
    rule.kind ? `kind ${rule.kind.toLowerCase().replaceAll("_", " ")}` : null,
    rule.pattern ? `name or id ~ ${rule.pattern}` : null,
    rule.tagKey ? (rule.tagValue ? `tag ${rule.tagKey}=${rule.tagValue}` : `has tag ${rule.tagKey}`) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(" · ") : "every identity";
}

function owner(rule: OwnerRuleRow) {
  const person = rule.owner ? `${rule.owner.name}${rule.owner.status === "DEPARTED" ? " (left — identities become orphans)" : ""}` : null;
  return [person, rule.team ? `team ${rule.team.name}` : null].filter(Boolean).join(" · ") || "—";
}

export default async function OwnershipRulesPage({ searchParams }: { searchParams: Promise<{ edit?: string }> }) {
  const actor = await requirePage("inventory:write");
  const [{ edit }, rules, choices] = await Promise.all([searchParams, listOwnerRulesWithCounts(actor.workspaceId), ownerRuleFormChoices(actor.workspaceId)]);
  const editing = edit ? rules.find((r) => r.id === edit) : undefined;
  const formChoices = { ...choices, kinds: Object.values(IdentityKind) };
  return (
    <>
      <PageHeader
        title="Ownership rules"
        description="Who owns an identity nobody named: rules are tried in order on every sync and the first that matches sets the owner. An owner set by hand on the identity page always stays; an owner the source itself names (owner column, push API) comes before any rule."
        actions={<ApplyRulesButton disabled={!rules.some((r) => r.enabled)} />}
      />
      {rules.length === 0 ? (
        <EmptyState title="No ownership rules yet" next="Add one below, e.g. every identity tagged team=payments belongs to the Payments team." />
      ) : (
        <table className="w-full text-left text-sm" aria-label="Ownership rules">
          <thead className="border-b border-zinc-200 text-xs uppercase text-zinc-500 dark:border-zinc-800">
            <tr><th className="py-2">#</th><th>Rule</th><th>Matches when</th><th>Owner</th><th className="text-right">Matches now</th><th className="text-right">Owns now</th><th /></tr>
          </thead>
          <tbody>
            {rules.map((rule, i) => (
              <tr key={rule.id} className={`border-b border-zinc-100 dark:border-zinc-900 ${rule.enabled ? "" : "text-zinc-500"}`}>
                <td className="py-2 tabular-nums">{rule.order}</td>
                <td className="font-medium">{rule.name}{rule.enabled ? null : <span className="ml-2 text-xs font-normal">(disabled)</span>}</td>
                <td className="font-mono text-xs">{conditions(rule)}</td>
                <td>{owner(rule)}</td>
                <td className="text-right tabular-nums">{rule.matches === null ? <span title="Counting took too long at this size">—</span> : rule.matches.toLocaleString("en-US")}</td>
                <td className="text-right tabular-nums">{rule.owns.toLocaleString("en-US")}</td>
                <td className="pl-4"><RuleRowActions id={rule.id} name={rule.name} first={i === 0} last={i === rules.length - 1} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p className="mt-3 text-xs text-zinc-600 dark:text-zinc-400">
        “Matches now” counts live identities the rule matches on its own; “owns now” those whose owner it set. Changing a rule changes no owner until the next sync or “Apply rules now”; identities no rule matches keep the owner they have.
      </p>
      <div className="mt-6">
        {editing ? (
          <RuleForm
            key={editing.id}
            choices={formChoices}
            rule={{ id: editing.id, name: editing.name, enabled: editing.enabled, sourceId: editing.sourceId, kind: editing.kind, pattern: editing.pattern, tagKey: editing.tagKey, tagValue: editing.tagValue, ownerUserId: editing.ownerUserId, ownerTeamId: editing.ownerTeamId }}
          />
        ) : (
          <RuleForm choices={formChoices} />
        )}
      </div>
    </>
  );
}
