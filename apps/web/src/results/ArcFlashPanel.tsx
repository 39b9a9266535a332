import { useMemo } from "react";
import { useEditor } from "../editor/EditorContext.tsx";
import { safeFileName } from "../lib/download.ts";
import { useProject } from "../projects/useProject.ts";
import { EmptyState } from "../ui/EmptyState.tsx";
import { ArcFlashView } from "./ArcFlashView.tsx";
import { labelStudy } from "./arc-flash.ts";
import { studyDescription } from "./export.ts";
import type { LiveStudyOptions } from "./protocol.ts";
import { withArcFlash } from "./study-options.ts";
import type { LiveResults } from "./useLiveResults.ts";

interface Props {
  live: LiveResults;
  options: LiveStudyOptions;
  onOptions(o: LiveStudyOptions): void;
}

/** IEEE 1584-2018 incident energy at every bus of the live study, with its labels. */
export function ArcFlashPanel({ live, options, onOptions }: Props) {
  const { doc, state, dirty, dispatch } = useEditor();
  const { project } = useProject();
  const busNames = useMemo(
    () =>
      new Map(
        doc.buses.filter((b) => typeof b.name === "string" && b.name).map((b) => [b.id, String(b.name)]),
      ),
    [doc.buses],
  );
  const study = useMemo(
    () =>
      labelStudy({
        project: project.name,
        network: doc.name,
        version: state.baseVersion,
        dirty,
        date: new Date(),
      }),
    [project.name, doc.name, state.baseVersion, dirty],
  );

  if (!options.arc_flash)
    return (
      <div className="panel-body stack" data-testid="arc-flash-panel">
        <EmptyState title="Arc flash is off">
          Incident energy, arc-flash boundary and PPE at every bus (IEEE 1584-2018), from the 3-phase fault.
          <div>
            <button type="button" className="small" onClick={() => onOptions(withArcFlash(options, true))}>
              Turn arc flash on
            </button>
          </div>
        </EmptyState>
      </div>
    );

  const result = live.result;
  const cap = options.arc_flash_max_duration_s;
  return (
    <div className="panel-body stack" data-testid="arc-flash-panel">
      <h3>Arc flash, IEEE 1584-2018 ({cap === null ? "no duration cap" : `durations capped at ${cap} s`})</h3>
      {!result?.arc_flash ? (
        <p className="muted small" data-testid="arc-flash-summary">
          {live.status === "error"
            ? `Not computed: ${live.error}`
            : live.status === "done"
              ? "The engine returned no arc-flash results."
              : "Computing…"}
        </p>
      ) : (
        <ArcFlashView
          results={result.arc_flash}
          fileName={`${safeFileName(doc.name)}-arc-flash`}
          provenance={{
            comment: studyDescription(result),
            fields: { standard: result.standard, options: result.options },
          }}
          busNames={busNames}
          study={study}
          selected={state.selection}
          onSelect={(id) => dispatch({ type: "select", ids: [id] })}
        />
      )}
    </div>
  );
}
