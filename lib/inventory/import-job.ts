import { z } from "zod";
import { defineJob } from "@/lib/jobs/define-job";
import { prefixedId } from "@/lib/ids";
import { runImport } from "@/lib/inventory/run-import";

/** Applies an uploaded inventory file (see runImport); progress is written to its SourceSync row. */
export const inventoryImportJob = defineJob({
  name: "inventory.import",
  input: z.object({ syncId: prefixedId("syn") }),
  retryLimit: 2,
  handle: async ({ syncId }) => {
    await runImport(syncId, undefined, { resume: true });
  },
});
