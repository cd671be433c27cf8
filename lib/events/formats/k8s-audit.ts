import type { EventKind } from "@/prisma/generated/enums";
import type { EventFormatSpec, NormalizeOutcome, NormalizedEvent, PrincipalRef } from "@/lib/events/types";
import { arr, contentHash, get, isObj, looksLikeEmail, str, time } from "@/lib/events/formats/fields";
import { jsonRecords } from "@/lib/events/formats/read-records";

// Kubernetes audit events, audit.k8s.io/v1 Event (one per line, as the log backend writes them) or an
// EventList (https://kubernetes.io/docs/reference/config-api/apiserver-audit.v1/). Only the final
// stage of a request is ingested, so one request is one event.

const FINAL_STAGES = new Set(["ResponseComplete", "Panic"]);
const RBAC_BINDINGS = new Set(["rolebindings", "clusterrolebindings"]);

const serviceAccount = (namespace: string, name: string): PrincipalRef => ({
  externalIds: [`system:serviceaccount:${namespace}:${name}`], name, kind: "SERVICE_ACCOUNT", human: false,
});

/** `system:serviceaccount:ns:name` is a machine identity; anything else (OIDC users, certs) is a person or a node. */
export function k8sPrincipal(username: string | undefined): PrincipalRef | null {
  if (!username) return null;
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(username);
  if (sa) return serviceAccount(sa[1]!, sa[2]!);
  if (username.startsWith("system:")) {
    // Control-plane components and nodes (system:kube-scheduler, system:node:…): machine, but not reviewable identities.
    return { externalIds: [username], name: username, kind: "WORKLOAD", human: false, discoverable: false };
  }
  return { externalIds: [username], name: username, kind: "SERVICE_ACCOUNT", human: true, email: looksLikeEmail(username) ? username.toLowerCase() : undefined };
}

function classify(verb: string, objectRef: unknown, requestObject: unknown) {
  const resource = str(objectRef, "resource");
  const subresource = str(objectRef, "subresource");
  const namespace = str(objectRef, "namespace") ?? "default";
  const name = str(objectRef, "name");
  let kind: EventKind = "API_CALL";
  let subject: PrincipalRef | null = null;
  const detail: NormalizedEvent["detail"] = {};
  if (resource === "serviceaccounts" && subresource === "token" && verb === "create" && name) {
    kind = "TOKEN_ISSUED";
    subject = serviceAccount(namespace, name);
  } else if (resource === "serviceaccounts" && !subresource && verb === "create") {
    kind = "IDENTITY_CREATED";
    const created = name ?? str(requestObject, "metadata", "name");
    if (created) subject = serviceAccount(namespace, created);
  } else if (resource && RBAC_BINDINGS.has(resource) && (verb === "create" || verb === "delete")) {
    kind = verb === "create" ? "PERMISSION_GRANTED" : "PERMISSION_REVOKED";
    const roleRef = get(requestObject, "roleRef");
    detail.permission = roleRef ? `${str(roleRef, "kind") ?? "Role"}/${str(roleRef, "name") ?? "?"}` : `${resource}/${name ?? "?"}`;
    const sa = arr(requestObject, "subjects").find((s) => str(s, "kind") === "ServiceAccount");
    const saName = str(sa, "name");
    if (saName) subject = serviceAccount(str(sa, "namespace") ?? namespace, saName);
  }
  return { kind, subject, detail };
}

export function normalizeK8sAudit(record: unknown): NormalizeOutcome {
  if (!isObj(record)) return { status: "unknown", reason: "not a JSON object" };
  if (str(record, "kind") !== "Event" || !str(record, "apiVersion")?.startsWith("audit.k8s.io/")) return { status: "unknown", reason: "not an audit.k8s.io Event" };
  const stage = str(record, "stage");
  if (stage && !FINAL_STAGES.has(stage)) return { status: "skipped", reason: `stage ${stage}` };
  const verb = str(record, "verb");
  const occurredAt = time(record.stageTimestamp) ?? time(record.requestReceivedTimestamp);
  if (!verb) return { status: "unknown", reason: "missing verb" };
  if (!occurredAt) return { status: "unknown", reason: "missing stageTimestamp" };
  const principal = k8sPrincipal(str(record, "user", "username"));
  const objectRef = get(record, "objectRef");
  const c = classify(verb, objectRef, get(record, "requestObject"));
  const resource = [str(objectRef, "resource"), str(objectRef, "subresource")].filter(Boolean).join("/");
  const namespace = str(objectRef, "namespace");
  const code = get(record, "responseStatus", "code");
  return {
    status: "event",
    event: {
      dedupeKey: `k8s-audit:${str(record, "auditID") ?? contentHash(record)}`,
      occurredAt,
      kind: c.kind,
      principal,
      subject: c.subject,
      action: `${verb} ${resource || str(record, "requestURI") || "?"}`,
      target: [namespace, str(objectRef, "name")].filter(Boolean).join("/") || str(record, "requestURI") || null,
      sourceIp: str(arr(record, "sourceIPs")[0]) ?? null,
      region: null,
      userAgent: str(record, "userAgent") ?? null,
      outcome: typeof code === "number" ? (code < 400 ? "success" : String(code)) : null,
      context: namespace ?? null,
      detail: c.detail,
      raw: record,
    },
  };
}

export const k8sAudit: EventFormatSpec = {
  name: "k8s-audit",
  logName: "the Kubernetes audit log",
  sourceKind: "KUBERNETES",
  records: (text) => jsonRecords(text, ["items"]),
  normalize: normalizeK8sAudit,
};
