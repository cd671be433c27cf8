import { classifyK8sRole, type K8sRule } from "@/lib/inventory/classify-entitlement";
import { readDate } from "@/lib/inventory/formats/field-values";
import { issueAt, isObject, pathText, readJsonDocument, str, type JsonPath } from "@/lib/inventory/formats/json-document";
import { IssueList, finish, type Coverage, type NormalizedIdentity, type ParseResult } from "@/lib/inventory/formats/types";

// k8s: `kubectl get serviceaccounts,rolebindings,clusterrolebindings -A -o json` (a v1 List). Each
// ServiceAccount is an identity; bindings naming it become entitlements. Add `roles,clusterroles` to the
// command and custom roles are classified by their rules too; built-in roles are known by name.
const coverage = (): Coverage => ({
  attributes: ["name", "kind", "createdAtSource", "tags", "environment", "purpose"],
  credentials: true,
  entitlements: true,
  owners: false,
  removalScope: ["system:serviceaccount:%"],
  retain: [],
});

const saId = (namespace: string, name: string) => `system:serviceaccount:${namespace}:${name}`;
const ENV_LABELS = ["environment", "env", "app.kubernetes.io/environment"];

export function parseK8s(bytes: Uint8Array): ParseResult {
  const errors = new IssueList();
  const warnings = new IssueList();
  const doc = readJsonDocument(bytes, errors);
  if (!doc) return finish([], coverage(), errors, warnings, 0);
  const root = doc.value;
  if (!isObject(root) || !Array.isArray(root.items)) {
    issueAt(doc, errors, [], "expected a Kubernetes List ({\"kind\": \"List\", \"items\": [...]}) from kubectl get … -o json");
    return finish([], coverage(), errors, warnings, 0);
  }
  const items = root.items;
  const accounts = new Map<string, NormalizedIdentity>();
  const roles = new Map<string, K8sRule[]>();
  const bindings: { item: Record<string, unknown>; path: JsonPath; cluster: boolean }[] = [];

  items.forEach((item, i) => {
    const path: JsonPath = ["items", i];
    if (!isObject(item) || !isObject(item.metadata) || typeof item.metadata.name !== "string") return issueAt(doc, errors, [...path, "metadata", "name"], "each item needs metadata.name");
    const meta = item.metadata;
    const name = item.metadata.name;
    const namespace = str(meta.namespace);
    switch (item.kind) {
      case "ServiceAccount": {
        if (!namespace) return issueAt(doc, errors, [...path, "metadata", "namespace"], "a ServiceAccount needs its namespace");
        const id = saId(namespace, name);
        if (accounts.has(id)) return issueAt(doc, errors, [...path, "metadata", "name"], `${namespace}/${name} appears twice`);
        const created = readDate(str(meta.creationTimestamp));
        if (!created.ok) issueAt(doc, errors, [...path, "metadata", "creationTimestamp"], created.reason);
        const labels: Record<string, string> = {};
        if (isObject(meta.labels)) for (const [k, v] of Object.entries(meta.labels)) labels[k] = str(v) ?? "";
        const annotations = isObject(meta.annotations) ? meta.annotations : {};
        const envKey = Object.keys(labels).find((k) => ENV_LABELS.includes(k));
        const secrets = Array.isArray(item.secrets) ? item.secrets : [];
        accounts.set(id, {
          line: doc.itemLine(path),
          externalId: id,
          name: `${namespace}/${name}`,
          kind: "SERVICE_ACCOUNT",
          status: "ACTIVE",
          environment: envKey ? labels[envKey] || null : null,
          purpose: str(annotations.description) ?? str(annotations["rollcall.io/purpose"]),
          createdAtSource: created.ok ? created.value : null,
          createdBy: null,
          lastUsedAt: null,
          tags: { ...labels, namespace },
          owner: null,
          // Legacy long-lived token secrets; clusters since 1.24 mint short-lived tokens and list none.
          credentials: secrets.flatMap((s) => (isObject(s) && typeof s.name === "string" ? [{ externalId: `secret/${namespace}/${s.name}`, kind: "TOKEN" as const, status: "ACTIVE" as const, createdAt: null, lastRotatedAt: null, expiresAt: null, lastUsedAt: null }] : [])),
          entitlements: [],
        });
        return;
      }
      case "Role":
      case "ClusterRole":
        roles.set(item.kind === "Role" ? `Role/${namespace}/${name}` : `ClusterRole/${name}`, Array.isArray(item.rules) ? (item.rules.filter(isObject) as K8sRule[]) : []);
        return;
      case "RoleBinding":
      case "ClusterRoleBinding":
        if (item.kind === "RoleBinding" && !namespace) return issueAt(doc, errors, [...path, "metadata", "namespace"], "a RoleBinding needs its namespace");
        if (!isObject(item.roleRef) || typeof item.roleRef.name !== "string" || typeof item.roleRef.kind !== "string") return issueAt(doc, errors, [...path, "roleRef"], "a binding needs roleRef.kind and roleRef.name");
        bindings.push({ item, path, cluster: item.kind === "ClusterRoleBinding" });
        return;
      default:
        warnings.add(doc.lineOf([...path, "kind"]), pathText([...path, "kind"]), `kind ${String(item.kind)} is not a ServiceAccount, Role or binding; ignored`);
    }
  });

  for (const { item, path, cluster } of bindings) {
    const meta = item.metadata as Record<string, unknown>;
    const roleRef = item.roleRef as { kind: string; name: string };
    const bindingNs = cluster ? null : (str(meta.namespace) as string);
    const rules = roleRef.kind === "Role" ? roles.get(`Role/${bindingNs}/${roleRef.name}`) : roles.get(`ClusterRole/${roleRef.name}`);
    const scope = cluster ? "cluster" : "namespace";
    const c = classifyK8sRole(roleRef.kind, roleRef.name, scope, rules ?? null);
    const granted = readDate(str(meta.creationTimestamp));
    const entitlement = {
      name: `${roleRef.kind}/${roleRef.name}`,
      resource: cluster ? "cluster" : `namespace:${bindingNs}`,
      privileged: c.privileged,
      wildcard: c.wildcard,
      canMint: c.canMint,
      grantedAt: granted.ok ? granted.value : null,
      grantedBy: `${cluster ? "ClusterRoleBinding" : "RoleBinding"}/${cluster ? "" : `${bindingNs}/`}${String(meta.name)}`,
    };
    const subjects = Array.isArray(item.subjects) ? item.subjects : [];
    subjects.forEach((s, j) => {
      if (!isObject(s) || typeof s.name !== "string") return issueAt(doc, errors, [...path, "subjects", j], "each subject needs a kind and a name");
      const targets: NormalizedIdentity[] = [];
      if (s.kind === "ServiceAccount") {
        const ns = str(s.namespace) ?? bindingNs;
        if (!ns) return issueAt(doc, errors, [...path, "subjects", j, "namespace"], "a ServiceAccount subject of a ClusterRoleBinding needs its namespace");
        const sa = accounts.get(saId(ns, s.name));
        if (!sa) return warnings.add(doc.lineOf([...path, "subjects", j]), pathText([...path, "subjects", j]), `service account ${ns}/${s.name} is not in the list; binding ignored for it`);
        targets.push(sa);
      } else if (s.kind === "User" && s.name.startsWith("system:serviceaccount:")) {
        const sa = accounts.get(s.name);
        if (sa) targets.push(sa);
      } else if (s.kind === "Group" && (s.name === "system:serviceaccounts" || s.name.startsWith("system:serviceaccounts:"))) {
        const ns = s.name.split(":")[2];
        for (const sa of accounts.values()) if (!ns || sa.externalId.startsWith(`system:serviceaccount:${ns}:`)) targets.push(sa);
      }
      for (const sa of targets) if (!sa.entitlements.some((e) => e.name === entitlement.name && e.resource === entitlement.resource)) sa.entitlements.push({ ...entitlement });
    });
  }
  return finish([...accounts.values()], coverage(), errors, warnings, items.length);
}
