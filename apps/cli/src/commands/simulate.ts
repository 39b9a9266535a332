import { FAULT_TYPES } from "@ampflux/contracts";
import { type Command, oneOf, versionFlag } from "../args.ts";
import type { Api } from "../client.ts";
import { inputError, usageError } from "../errors.ts";
import type { Io } from "../io.ts";
import { loadFlowOptionsOf } from "../loadflow/options.ts";
import { note, writeResult } from "../output.ts";
import { progressBar } from "../progress-bar.ts";
import { studyState } from "../study-state.ts";
import { latestVersion } from "../versions.ts";
import { watchStudy } from "../watch.ts";

/** The stored study --kind asks for: a short-circuit study (default) or a load flow with the loadflow command's flags. */
function studyOf(flags: Command["flags"]) {
  const kind = oneOf("kind", flags.kind, ["short-circuit", "load-flow"] as const);
  if (kind === "load-flow") {
    const problems: string[] = [];
    const options = loadFlowOptionsOf(flags, problems);
    if (problems.length > 0) throw usageError(...problems);
    return { kind: "load_flow" as const, options };
  }
  const options = {
    fault: oneOf("fault", flags.fault, FAULT_TYPES),
    case: oneOf("case", flags.case, ["max", "min"] as const),
    buses: flags.bus,
  };
  return { kind: "short_circuit" as const, options };
}

/** Starts a stored study (short-circuit or, with --kind load-flow, a load flow); prints its id, and with --wait follows it to the end. */
export async function simulate(api: Api, { flags }: Command, io: Io): Promise<void> {
  const projectId = flags.project ?? "";
  const study = studyOf(flags);
  const version = versionFlag("version", flags.version) ?? (await latestVersion(api, projectId));
  if (version === null) throw inputError("the project has no saved version yet: import a network first");
  const run = await api.simulations.run.mutate({
    projectId,
    version,
    study,
  });
  if (run.cached) note(io, "the same study of this version was run before: reusing it");
  await writeResult(io, `${run.id}\n`, undefined);
  if (!flags.wait) return;
  const bar = progressBar(io.stderr);
  const final = await watchStudy(api, projectId, run.id, bar.update).finally(bar.end);
  if (final.status === "succeeded") return;
  const stored = await api.simulations.get.query({ projectId, simulationId: run.id });
  throw inputError(`the study ${studyState(stored)}`);
}
