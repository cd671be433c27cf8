// Every benchmark reports its headline figures through `reportFigure`: one line for people, and one JSON
// line appended to .data/bench/figures.jsonl, which `npm run bench` (scripts/bench.ts) gathers into
// .data/bench/results.json and a markdown table.
import { appendFileSync, mkdirSync } from "node:fs";
import path from "node:path";

export type BenchFigure = {
  bench: string; // "inventory", "events", …
  measure: string; // what was measured, in words: "sync import vs raw COPY"
  value: number;
  unit: string; // "×", "events/s", "ms", "MB", "s"
  goal?: string; // "≤ 2.0×"
  met?: boolean; // omitted when the run was --quick (no goal applies at 1/100 size)
  detail?: string; // the numbers behind the figure: "1111.8 s vs 804.5 s"
  quick?: boolean;
};

export const FIGURES_FILE = path.join(".data", "bench", "figures.jsonl");

export function reportFigure(figure: BenchFigure): void {
  const quick = figure.quick ?? process.argv.includes("--quick");
  // `run` ties the line to the `npm run bench` invocation that started this bench (scripts/bench.ts).
  const line = { ...figure, quick, ...(quick ? { met: undefined } : {}), at: new Date().toISOString(), run: process.env.ROLLCALL_BENCH_RUN };
  mkdirSync(path.dirname(FIGURES_FILE), { recursive: true });
  appendFileSync(FIGURES_FILE, `${JSON.stringify(line)}\n`);
  const verdict = quick || figure.met === undefined ? "" : figure.met ? " — goal met" : " — goal NOT met";
  console.log(`» ${figure.bench}: ${figure.measure} = ${figure.value} ${figure.unit}${figure.goal ? ` (goal ${figure.goal})` : ""}${verdict}${figure.detail ? ` [${figure.detail}]` : ""}`);
}
