"use client";

import { useState } from "react";
import { useRouter } from "next/navigation";
import { useForm } from "react-hook-form";
import { zodResolver } from "@hookform/resolvers/zod";
import type { z } from "zod";
import { eventFormats, MAX_EVENT_UPLOAD_BYTES, uploadEventsInput } from "@/lib/events/schema";
import type { IngestReport } from "@/lib/events/ingest-events";

type FormIn = z.input<typeof uploadEventsInput>;
type FormOut = z.output<typeof uploadEventsInput>;

const formatLabels: Record<string, string> = {
  cloudtrail: "AWS CloudTrail", "k8s-audit": "Kubernetes audit log", "github-audit": "GitHub audit log", okta: "Okta System Log", "gcp-audit": "Google Cloud audit log", jsonl: "Rollcall JSON lines",
};

/** Sends the file to POST /api/v1/events (the same path API clients use) with the session's rights. */
export function UploadEventsForm() {
  const router = useRouter();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [report, setReport] = useState<IngestReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<FormIn, unknown, FormOut>({ resolver: zodResolver(uploadEventsInput), defaultValues: { format: "cloudtrail" } });
  const { isSubmitting } = form.formState;

  async function onSubmit(values: FormOut) {
    setError(null);
    setReport(null);
    if (!file) return setFileError("Choose a log file to upload");
    if (file.size > MAX_EVENT_UPLOAD_BYTES) return setFileError(`The file is over ${MAX_EVENT_UPLOAD_BYTES / 1024 / 1024} MB; use \`rollcall ingest\` for big files`);
    const response = await fetch(`/api/v1/events?format=${encodeURIComponent(values.format)}`, { method: "POST", body: file, headers: { "content-type": "application/json" } });
    const body = (await response.json().catch(() => null)) as (IngestReport & { error?: { message: string } }) | null;
    if (!response.ok || !body) return setError(body?.error?.message ?? `Upload failed (${response.status}).`);
    setReport(body);
    router.refresh();
  }

  return (
    <section aria-labelledby="upload-events" className="mb-6 rounded-lg border border-zinc-200 bg-white p-4 text-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="upload-events" className="font-medium">Upload an audit log</h2>
      <p className="text-zinc-600 dark:text-zinc-400">Events are matched to identities, baselines are updated and triggers fire; a file sent twice is counted as duplicates.</p>
      <form onSubmit={form.handleSubmit(onSubmit)} noValidate className="mt-3 flex flex-wrap items-end gap-3">
        <div>
          <label htmlFor="event-format" className="block text-xs text-zinc-600 dark:text-zinc-400">Format</label>
          <select id="event-format" {...form.register("format")} className="mt-1 rounded-md border border-zinc-300 bg-white px-2 py-1.5 dark:border-zinc-700 dark:bg-zinc-950">
            {eventFormats.map((f) => <option key={f} value={f}>{formatLabels[f] ?? f}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="event-file" className="block text-xs text-zinc-600 dark:text-zinc-400">Log file</label>
          <input id="event-file" type="file" accept=".json,.jsonl,.ndjson,.log,.txt,application/json" aria-invalid={Boolean(fileError)} aria-describedby="event-file-error"
            onChange={(e) => { setFile(e.target.files?.[0] ?? null); setFileError(null); }} className="mt-1 block" />
          {fileError ? <p id="event-file-error" className="text-xs text-red-700 dark:text-red-400">{fileError}</p> : null}
        </div>
        <button type="submit" disabled={isSubmitting} className="rounded-md bg-accent px-3 py-1.5 font-medium text-accent-fg disabled:opacity-60">{isSubmitting ? "Ingesting…" : "Upload events"}</button>
      </form>
      {error ? <p role="alert" className="mt-2 text-red-700 dark:text-red-400">{error}</p> : null}
      {report ? (
        <div role="status" data-testid="ingest-report" className="mt-3 rounded-md bg-zinc-50 p-3 dark:bg-zinc-950">
          <p>{report.records} records: {report.accepted} accepted, {report.duplicate} duplicate, {report.unknown} unreadable{report.skipped ? `, ${report.skipped} skipped` : ""}.</p>
          <p>{report.unmatched} from principals not in the inventory; {report.discovered} shadow identities discovered.</p>
          <p>{report.findingsOpened} findings opened; review items: {report.reviewItemsOpened} opened, {report.reviewItemsJoined} joined.</p>
          {report.unknownSamples.length ? <ul className="mt-1 list-disc pl-5 text-zinc-600 dark:text-zinc-400">{report.unknownSamples.map((s) => <li key={s.at}>{s.at}: {s.reason}</li>)}</ul> : null}
        </div>
      ) : null}
    </section>
  );
}
