// The `rollcall` command line. Each subcommand is one entry in `commands`; add yours there.
import { importCommand } from "./cli/import-command";
import { ingestCommand, ingestSummary, ingestUsage } from "./cli/ingest";
import { evidenceCommand } from "./cli/evidence";

export type Command = {
  summary: string;
  usage: string;
  /** returns the process exit code */
  run: (args: string[]) => Promise<number>;
};

const commands: Record<string, Command> = {
  import: importCommand,
  ingest: { summary: ingestSummary, usage: ingestUsage, run: ingestCommand },
  evidence: {
    summary: "verify an evidence pack offline (hashes, signature, record counts, audit chain)",
    usage: "Usage: rollcall evidence verify PACK.zip [--fingerprint HEX] [--json]",
    run: evidenceCommand,
  },
};

function help(): string {
  const width = Math.max(...Object.keys(commands).map((n) => n.length));
  return [
    "usage: rollcall <command> [options]",
    "",
    ...Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`),
    "",
    "Talks to the database at DATABASE_URL, or to a Rollcall server when ROLLCALL_URL and ROLLCALL_API_KEY are set.",
    "rollcall <command> --help shows a command's options.",
  ].join("\n");
}

const [name, ...args] = process.argv.slice(2);
const command = name ? commands[name] : undefined;
if (!command) {
  console.log(help());
  process.exit(name && name !== "help" && name !== "--help" ? 2 : 0);
}
if (args.includes("--help") || args.includes("-h")) {
  console.log(command.usage);
  process.exit(0);
}
try {
  process.exitCode = await command.run(args);
} catch (error) {
  console.error(`rollcall ${name}: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
