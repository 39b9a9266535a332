import { formatLoading, formatVm } from "../load-flow/decorations.ts";
import { LoadFlowControls } from "../load-flow/LoadFlowControls.tsx";
import type { EditorStudy, LiveLoadFlowOptions } from "../load-flow/options.ts";
import type { LoadFlowSummary } from "../load-flow/summary.ts";
import type { LiveLoadFlow } from "../load-flow/useLiveLoadFlow.ts";
import { caseSummary } from "../results/case-labels.ts";
import type { LiveStudyOptions } from "../results/protocol.ts";
import { StudyControls } from "../results/StudyControls.tsx";
import type { LiveResults } from "../results/useLiveResults.ts";
import { useFitWholeNetwork } from "./canvas/fit-view.ts";
import { useEditor } from "./EditorContext.tsx";
import { ExportButton } from "./io/ExportButton.tsx";
import { ImportButton } from "./io/ImportButton.tsx";
import { useEditorActions } from "./useEditorActions.ts";

interface Props {
  options: LiveStudyOptions;
  onOptions(o: LiveStudyOptions): void;
  onSave(): void;
  live: LiveResults;
  study: EditorStudy;
  onStudy(study: EditorStudy): void;
  loadFlow: {
    options: LiveLoadFlowOptions;
    onOptions(o: LiveLoadFlowOptions): void;
    live: LiveLoadFlow;
    summary: LoadFlowSummary | null;
  };
}

const STUDIES: Array<{ id: EditorStudy; label: string }> = [
  { id: "short_circuit", label: "Short circuit" },
  { id: "load_flow", label: "Load flow" },
];

/** The toolbar's figure of the live study: the case's Ik'' (caseSummary), or the voltage band and top loading. */
function liveSummary(
  study: EditorStudy,
  live: LiveResults,
  options: LiveStudyOptions,
  loadFlow: Props["loadFlow"],
): string {
  if (study === "short_circuit") {
    if (live.status === "computing") return "computing…";
    return caseSummary(live.result?.buses ?? [], options.case);
  }
  if (loadFlow.live.status === "computing") return "computing…";
  const s = loadFlow.summary;
  if (!s || !loadFlow.live.result) return "";
  if (!loadFlow.live.result.converged) return "not converged";
  const vm = s.vmMin === null || s.vmMax === null ? "" : `Vm ${formatVm(s.vmMin)}–${formatVm(s.vmMax)} pu`;
  const loading = s.maxLoading === null ? "" : ` · max loading ${formatLoading(s.maxLoading)} %`;
  return `${vm}${loading}`;
}

export function EditorToolbar({ options, onOptions, onSave, live, study, onStudy, loadFlow }: Props) {
  const { state, dirty, canEdit } = useEditor();
  const actions = useEditorActions();
  const fitWhole = useFitWholeNetwork();
  const { past, future } = state.history;
  return (
    <div className="editor-toolbar" role="toolbar" aria-label="Editor">
      <button
        type="button"
        className="small"
        disabled={past.length === 0}
        onClick={actions.undo}
        title="Undo (Ctrl+Z)"
      >
        ↶ Undo
      </button>
      <button
        type="button"
        className="small"
        disabled={future.length === 0}
        onClick={actions.redo}
        title="Redo (Ctrl+Shift+Z)"
      >
        ↷ Redo
      </button>
      <button type="button" className="small" onClick={() => fitWhole()}>
        Fit view
      </button>
      <span className="divider" />
      <ImportButton onSaveVersion={onSave} />
      <ExportButton />
      <span className="divider" />
      <fieldset className="segmented" aria-label="Study">
        {STUDIES.map((s) => (
          <button
            key={s.id}
            type="button"
            aria-pressed={study === s.id}
            className={study === s.id ? "active" : undefined}
            onClick={() => onStudy(s.id)}
          >
            {s.label}
          </button>
        ))}
      </fieldset>
      {study === "short_circuit" ? (
        <StudyControls value={options} onChange={onOptions} engineIssues={live.issues} />
      ) : (
        <LoadFlowControls value={loadFlow.options} onChange={loadFlow.onOptions} live={loadFlow.live} />
      )}
      <span className="live-summary" data-testid="live-summary">
        {liveSummary(study, live, options, loadFlow)}
      </span>
      <span className="spacer" />
      <span className="version-status" data-testid="version-status">
        {state.baseVersion === null ? "never saved" : `version ${state.baseVersion}`}
        {dirty && <span className="dirty"> · unsaved changes</span>}
      </span>
      <button
        type="button"
        className="primary small"
        disabled={!canEdit}
        onClick={onSave}
        title="Save (Ctrl+S)"
      >
        Save version
      </button>
    </div>
  );
}
