import { useMemo } from "react";
import { useEditor } from "../editor/EditorContext.tsx";
import { safeFileName } from "../lib/download.ts";
import { useProject } from "../projects/useProject.ts";
import { ArcFlashView } from "./ArcFlashView.tsx";
import { durationCapText, labelStudy } from "./arc-flash.ts";
import { studyDescription } from "./export.ts";
import type { LiveStudyOptions } from "./protocol.ts";
import { NotComputed, OptionOff } from "./StudyPanelStates.tsx";
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
      <OptionOff
        testId="arc-flash-panel"
        title="Arc flash is off"
        action="Turn arc flash on"
        onTurnOn={() => onOptions(withArcFlash(options, true))}
      >
        Incident energy, arc-flash boundary and PPE at every bus (IEEE 1584-2018), from the 3-phase fault.
      </OptionOff>
    );

  const result = live.result;
  return (
    <div className="panel-body stack" data-testid="arc-flash-panel">
      <h3>Arc flash, IEEE 1584-2018 ({durationCapText(options.arc_flash_max_duration_s)})</h3>
      {!result?.arc_flash ? (
        <NotComputed
          live={live}
          testId="arc-flash-summary"
          none="The engine returned no arc-flash results."
        />
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
