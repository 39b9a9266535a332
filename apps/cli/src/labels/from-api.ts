// `ampflux labels --simulation ID --project ID`: a stored study's arc-flash results, with what
// the api knows for the labels: the project's name, the network's name and version, the bus
// names of that version, and the day the study finished.

import type { Api } from "../client.ts";
import { inputError } from "../errors.ts";
import { studyState } from "../study-state.ts";
import type { LabelSource } from "./request.ts";
import { arcFlashResults } from "./result-file.ts";
import type { LabelInput } from "./study.ts";

/** The version number of a circuit version id, paging through the project's versions. */
async function versionOf(api: Api, projectId: string, versionId: string): Promise<number | undefined> {
  for (let offset = 0; ; offset += 100) {
    const page = await api.circuits.list.query({ projectId, limit: 100, offset });
    const found = page.find((v) => v.id === versionId);
    if (found) return found.version;
    if (page.length < 100) return undefined;
  }
}

export async function labelInputFromApi(
  api: Api,
  source: Extract<LabelSource, { kind: "api" }>,
): Promise<LabelInput> {
  const projectId = source.project;
  const study = await api.simulations.get.query({ projectId, simulationId: source.simulation });
  if (study.status !== "succeeded") throw inputError(`the study has no result: it ${studyState(study)}`);
  const results = arcFlashResults(study.result, `study ${source.simulation}`);
  const [project, version] = await Promise.all([
    api.projects.get.query({ projectId }),
    versionOf(api, projectId, study.circuitVersionId),
  ]);
  const stored = version === undefined ? null : await api.circuits.get.query({ projectId, version });
  const document = (stored?.document ?? {}) as { name?: unknown; buses?: { id?: unknown; name?: unknown }[] };
  const names = new Map<string, string>();
  for (const bus of Array.isArray(document.buses) ? document.buses : []) {
    if (typeof bus.id === "string" && typeof bus.name === "string" && bus.name) names.set(bus.id, bus.name);
  }
  const networkName = typeof document.name === "string" && document.name ? document.name : "network";
  const finished = study.finishedAt ? new Date(study.finishedAt).toISOString().slice(0, 10) : undefined;
  return {
    results,
    names,
    defaults: {
      project: project.name,
      network: version === undefined ? networkName : `${networkName} v${version}`,
      date: finished,
    },
  };
}
