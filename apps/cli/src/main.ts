#!/usr/bin/env node

// `ampflux <command>`: AmpFlux from the command line (README, "Command line"). `study`,
// `loadflow`, `arc-flash` and `labels` (unless --simulation) run on this machine; the other commands talk to the api. Commands are in ./commands, the command line
// in ./args.ts, the help texts in ./usage.ts.

import { type Command, type CommandName, parseCommandLine } from "./args.ts";
import type { Api } from "./client.ts";
import { CliError, EXIT_INPUT, EXIT_USAGE } from "./errors.ts";
import { type Io, processIo } from "./io.ts";
import {
  ARC_FLASH_HELP,
  ARC_FLASH_SYNOPSIS,
  HELP,
  LABELS_HELP,
  LABELS_SYNOPSIS,
  LOADFLOW_HELP,
  LOADFLOW_SYNOPSIS,
  STUDY_HELP,
  STUDY_SYNOPSIS,
  SYNOPSIS,
} from "./usage.ts";

type ApiCommand = (api: Api, command: Command, io: Io) => Promise<void>;

// A command's code is loaded when it runs: `study` then loads no tRPC client and the api commands
// no simulation core, which shortens every start (Node type-strips each module it loads).
const OPERATOR_COMMANDS: ReadonlySet<CommandName> = new Set([
  "companies list",
  "companies create",
  "licence set",
  "jobs failed",
  "jobs retry",
]);

const API_COMMANDS: Record<
  Exclude<
    CommandName,
    | "study"
    | "loadflow"
    | "labels"
    | "arc-flash"
    | "companies list"
    | "companies create"
    | "licence set"
    | "jobs failed"
    | "jobs retry"
  >,
  () => Promise<ApiCommand>
> = {
  "projects list": async () => (await import("./commands/projects.ts")).listProjects,
  "projects create": async () => (await import("./commands/projects.ts")).createProject,
  "circuits import": async () => (await import("./commands/circuits.ts")).importCircuit,
  "circuits export": async () => (await import("./commands/circuits.ts")).exportCircuit,
  simulate: async () => (await import("./commands/simulate.ts")).simulate,
  "results export": async () => (await import("./commands/results.ts")).exportResults,
  report: async () => (await import("./commands/report.ts")).report,
};

async function runCommandLine(argv: string[], io: Io): Promise<void> {
  const command = parseCommandLine(argv);
  if ("help" in command) {
    const help = {
      study: STUDY_HELP,
      loadflow: LOADFLOW_HELP,
      labels: LABELS_HELP,
      "arc-flash": ARC_FLASH_HELP,
    };
    io.stdout.write(command.help === undefined ? HELP : help[command.help]);
    return;
  }
  if (command.name === "study") return (await import("./commands/study.ts")).study(command, io);
  if (command.name === "loadflow") return (await import("./commands/loadflow.ts")).loadflow(command, io);
  if (command.name === "arc-flash") return (await import("./commands/arc-flash.ts")).arcFlash(command, io);
  // labels connects to the api itself, only with --simulation.
  if (command.name === "labels") return (await import("./commands/labels.ts")).labels(command, io);
  if (OPERATOR_COMMANDS.has(command.name))
    return (await import("./commands/operator.ts")).operator(command, io);
  const [{ apiEndpoint, connect }, { describeApiError, isApiError }, apiCommand] = await Promise.all([
    import("./client.ts"),
    import("./api-errors.ts"),
    API_COMMANDS[command.name as keyof typeof API_COMMANDS](),
  ]);
  const endpoint = apiEndpoint(io.env);
  try {
    await apiCommand(connect(endpoint), command, io);
  } catch (error) {
    throw isApiError(error) ? new CliError(EXIT_INPUT, [describeApiError(error, endpoint.url)]) : error;
  }
}

/** Runs one command line; resolves with the exit code. Tests call it in their own process. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  try {
    await runCommandLine(argv, io);
    return 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    for (const problem of error.problems) io.stderr.write(`ampflux: ${problem}\n`);
    if (error.exitCode === EXIT_USAGE) {
      const synopsis =
        {
          study: STUDY_SYNOPSIS,
          loadflow: LOADFLOW_SYNOPSIS,
          labels: LABELS_SYNOPSIS,
          "arc-flash": ARC_FLASH_SYNOPSIS,
        }[argv[0] ?? ""] ?? SYNOPSIS;
      io.stderr.write(`${synopsis}\n`);
    }
    return error.exitCode;
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
