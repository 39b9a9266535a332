import { useEditor } from "../editor/EditorContext.tsx";
import { safeFileName } from "../lib/download.ts";
import { DutyChecksView } from "./DutyChecksView.tsx";
import { studyDescription } from "./export.ts";
import type { LiveStudyOptions } from "./protocol.ts";
import { NotComputed, OptionOff } from "./StudyPanelStates.tsx";
import type { LiveResults } from "./useLiveResults.ts";

interface Props {
  live: LiveResults;
  options: LiveStudyOptions;
  onOptions(o: LiveStudyOptions): void;
}

/** Every rated element's duty against its ratings, worst first, with filters and downloads. */
export function DutyPanel({ live, options, onOptions }: Props) {
  const { doc, state, dispatch } = useEditor();

  if (!options.duty)
    return (
      <OptionOff
        testId="duty-panel"
        title="Duty is off"
        action="Turn duty on"
        onTurnOn={() => onOptions({ ...options, duty: true })}
      >
        Compare every breaker, switchboard, cable and transformer with its rating.
      </OptionOff>
    );

  const result = live.result;
  return (
    <div className="panel-body stack" data-testid="duty-panel">
      <h3>
        Duty, {options.duty_current === "bus" ? "total current at the bus" : "current through the device"}
      </h3>
      {!result?.duty ? (
        <NotComputed live={live} testId="duty-summary" none="The engine returned no duty checks." />
      ) : (
        <DutyChecksView
          checks={result.duty}
          fileName={`${safeFileName(doc.name)}-duty-${options.fault}`}
          provenance={{
            comment: `${studyDescription(result)}, duty current ${result.options.duty_current}`,
            fields: { standard: result.standard, options: result.options },
          }}
          selected={state.selection}
          onSelect={(id) => dispatch({ type: "select", ids: [id] })}
        />
      )}
    </div>
  );
}
