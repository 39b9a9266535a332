// `ampflux arc-flash`: the IEEE 1584-2018 calculator on this machine, like IEEE's own
// spreadsheet. --cases FILE.jsonl (or - for stdin): one JSON case per line in, one JSON line
// out per case, a failing line reported and the others still computed (exit 1 if any failed).
// Single-point flags: one case, as a table of every intermediate (or --json).

import { readFile } from "node:fs/promises";
import { caseLines, failed, runCaseLines } from "../arc-flash/cases.ts";
import { flagOf, hasCaseFlags, singlePointCase } from "../arc-flash/single-point.ts";
import { caseTable } from "../arc-flash/table.ts";
import type { Command } from "../args.ts";
import { inputError, usageError } from "../errors.ts";
import { type Io, userPath } from "../io.ts";
import { loadCore } from "../study/engine.ts";

async function readCases(io: Io, file: string): Promise<string> {
  if (file === "-") {
    let text = "";
    for await (const chunk of process.stdin) text += String(chunk);
    return text;
  }
  try {
    return await readFile(userPath(io, file), "utf8");
  } catch (error) {
    throw inputError(`${file}: cannot read: ${(error as Error).message}`);
  }
}

async function casesMode(io: Io, file: string): Promise<void> {
  const lines = caseLines(await readCases(io, file));
  const outputs = runCaseLines(await loadCore(), lines);
  io.stdout.write(outputs.map((o) => `${JSON.stringify(o)}\n`).join(""));
  const errors = failed(outputs);
  if (errors.length > 0) {
    const which = errors.map((e) => e.line).join(", ");
    throw inputError(`${errors.length} of ${outputs.length} cases failed (line ${which})`);
  }
}

async function singlePoint(io: Io, command: Command): Promise<void> {
  const value = singlePointCase(command);
  const [result] = (await loadCore()).arcFlashCases([value]);
  if (!result) throw inputError("the case was not computed");
  if (!result.ok) {
    const { field, message } = result.issue;
    throw inputError(field ? `${flagOf(field)}: ${message}` : message);
  }
  if (command.flags.json) {
    const { input, output, intermediates } = result;
    io.stdout.write(`${JSON.stringify({ input, output, intermediates }, null, 2)}\n`);
  } else io.stdout.write(caseTable(result));
}

export async function arcFlash(command: Command, io: Io): Promise<void> {
  const cases = command.flags.cases;
  if (cases !== undefined && hasCaseFlags(command))
    throw usageError("give --cases or the single-point flags (--voc-kv …), not both");
  if (cases !== undefined) {
    if (command.flags.json)
      throw usageError("--json is for a single point; --cases always prints JSON lines");
    return casesMode(io, cases);
  }
  if (!hasCaseFlags(command))
    throw usageError("needs --cases FILE.jsonl (or - for stdin) or the single-point flags");
  return singlePoint(io, command);
}
