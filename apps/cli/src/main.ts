#!/usr/bin/env node

// `ampflux <command>`: the AmpFlux api from the command line (README, "Command line client").
// Commands are in ./commands, the command line in ./args.ts, the help text in ./usage.ts.

import { describeApiError, isApiError } from "./api-errors.ts";
import { parseCommandLine } from "./args.ts";
import { apiEndpoint, connect } from "./client.ts";
import { exportCircuit, importCircuit } from "./commands/circuits.ts";
import { createProject, listProjects } from "./commands/projects.ts";
import { exportResults } from "./commands/results.ts";
import { simulate } from "./commands/simulate.ts";
import { CliError, EXIT_INPUT, EXIT_USAGE } from "./errors.ts";
import { HELP, SYNOPSIS } from "./usage.ts";

const COMMANDS = {
  "projects list": listProjects,
  "projects create": createProject,
  "circuits import": importCircuit,
  "circuits export": exportCircuit,
  simulate,
  "results export": exportResults,
};

async function main(argv: string[]): Promise<void> {
  const command = parseCommandLine(argv);
  if (command === "help") {
    process.stdout.write(HELP);
    return;
  }
  const endpoint = apiEndpoint();
  try {
    await COMMANDS[command.name](connect(endpoint), command);
  } catch (error) {
    throw isApiError(error) ? new CliError(EXIT_INPUT, describeApiError(error, endpoint.url)) : error;
  }
}

try {
  await main(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof CliError)) throw error;
  process.stderr.write(`ampflux: ${error.message}\n`);
  if (error.exitCode === EXIT_USAGE) process.stderr.write(`${SYNOPSIS}\n`);
  process.exitCode = error.exitCode;
}
