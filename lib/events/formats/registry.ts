import type { EventFormat } from "@/lib/events/schema";
import type { EventFormatSpec } from "@/lib/events/types";
import { cloudtrail } from "@/lib/events/formats/cloudtrail";
import { k8sAudit } from "@/lib/events/formats/k8s-audit";
import { githubAudit } from "@/lib/events/formats/github-audit";
import { okta } from "@/lib/events/formats/okta";
import { gcpAudit } from "@/lib/events/formats/gcp-audit";
import { jsonl } from "@/lib/events/formats/jsonl";

/** Every log format ingestion accepts, by the name used in `?format=` and `--format`. */
export const eventFormatSpecs: Record<EventFormat, EventFormatSpec> = {
  cloudtrail,
  "k8s-audit": k8sAudit,
  "github-audit": githubAudit,
  okta,
  "gcp-audit": gcpAudit,
  jsonl,
};
