// Entry of the file parser's worker thread. Worker threads do not inherit tsx's loader on Node 20,
// whatever flags the process was started with: register it here, then run the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./parse-file-worker.ts");
