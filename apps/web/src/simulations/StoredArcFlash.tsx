import type { ArcFlashResult, ShortCircuitOptions } from "@ampflux/contracts";
import { useMemo } from "react";
import { useProject } from "../projects/useProject.ts";
import { ArcFlashView } from "../results/ArcFlashView.tsx";

const NO_NAMES: ReadonlyMap<string, string> = new Map();

/** A stored study's arc-flash results (kept with its result): the same view as the editor's Arc flash tab. */
export function StoredArcFlash({
  results,
  simulationId,
  options,
  finishedAt,
}: {
  results: ArcFlashResult[];
  simulationId: string;
  options: ShortCircuitOptions;
  finishedAt: Date | string | null;
}) {
  const { project } = useProject();
  const cap = options.arc_flash_max_duration_s;
  // The labels name the stored study (its result holds no network name) and the day it finished.
  const study = useMemo(
    () => ({
      project: project.name,
      network: `stored study ${simulationId.slice(0, 8)}`,
      study_date: new Date(finishedAt ?? Date.now()).toISOString().slice(0, 10),
    }),
    [project.name, simulationId, finishedAt],
  );
  return (
    <section className="stack" aria-labelledby="stored-arc-flash-title" data-testid="stored-arc-flash">
      <h3 id="stored-arc-flash-title">
        Arc flash, IEEE 1584-2018 ({cap === null ? "no duration cap" : `durations capped at ${cap} s`})
      </h3>
      <ArcFlashView
        results={results}
        fileName={`arc-flash-${simulationId}`}
        provenance={{
          comment: `IEEE 1584-2018, short_circuit ${simulationId}, ${cap === null ? "no duration cap" : `cap ${cap} s`}`,
          fields: { simulation: simulationId, options },
        }}
        busNames={NO_NAMES}
        study={study}
      />
    </section>
  );
}
