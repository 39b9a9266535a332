#!/usr/bin/env node

// `ampflux <command>`: AmpFlux from the command line (README, "Command line"). `study` runs on
// this machine; the other commands talk to the api. Commands are in ./commands, the command line
// in ./args.ts, the help texts in ./usage.ts.

import { describeApiError, isApiError } from "./api-errors.ts";
import { type Command, type CommandName, parseCommandLine } from "./args.ts";
import { type Api, apiEndpoint, connect } from "./client.ts";
import { exportCircuit, importCircuit } from "./commands/circuits.ts";
import { createProject, listProjects } from "./commands/projects.ts";
import { exportResults } from "./commands/results.ts";
import { simulate } from "./commands/simulate.ts";
import { study } from "./commands/study.ts";
import { CliError, EXIT_INPUT, EXIT_USAGE } from "./errors.ts";
import { type Io, processIo } from "./io.ts";
import { HELP, STUDY_HELP, STUDY_SYNOPSIS, SYNOPSIS } from "./usage.ts";

type ApiCommand = (api: Api, command: Command, io: Io) => Promise<void>;

const API_COMMANDS: Record<Exclude<CommandName, "study">, ApiCommand> = {
  "projects list": listProjects,
  "projects create": createProject,
  "circuits import": importCircuit,
  "circuits export": exportCircuit,
  simulate,
  "results export": exportResults,
};

async function run(argv: string[], io: Io): Promise<void> {
  const command = parseCommandLine(argv);
  if ("help" in command) {
    io.stdout.write(command.help === "study" ? STUDY_HELP : HELP);
    return;
  }
  if (command.name === "study") return study(command, io);
  const endpoint = apiEndpoint(io.env);
  try {
    await API_COMMANDS[command.name](connect(endpoint), command, io);
  } catch (error) {
    throw isApiError(error) ? new CliError(EXIT_INPUT, [describeApiError(error, endpoint.url)]) : error;
  }
}

/** Runs one command line; resolves with the exit code. Tests call it in their own process. */
export async function main(argv: string[], io: Io = processIo()): Promise<number> {
  try {
    await run(argv, io);
    return 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    for (const problem of error.problems) io.stderr.write(`ampflux: ${problem}\n`);
    if (error.exitCode === EXIT_USAGE) {
      io.stderr.write(`${argv[0] === "study" ? STUDY_SYNOPSIS : SYNOPSIS}\n`);
    }
    return error.exitCode;
  }
}

if (import.meta.main) process.exitCode = await main(process.argv.slice(2));
