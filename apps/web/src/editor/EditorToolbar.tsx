import { useReactFlow } from "@xyflow/react";
import { formatKa } from "../lib/format.ts";
import { maxCurrent } from "../results/colour.ts";
import type { LiveStudyOptions } from "../results/protocol.ts";
import { StudyControls } from "../results/StudyControls.tsx";
import type { LiveResults } from "../results/useLiveResults.ts";
import { useEditor } from "./EditorContext.tsx";
import { ExportButton } from "./io/ExportButton.tsx";
import { ImportButton } from "./io/ImportButton.tsx";
import { useEditorActions } from "./useEditorActions.ts";

interface Props {
  options: LiveStudyOptions;
  onOptions(o: LiveStudyOptions): void;
  onSave(): void;
  live: LiveResults;
}

export function EditorToolbar({ options, onOptions, onSave, live }: Props) {
  const { state, dirty, canEdit } = useEditor();
  const actions = useEditorActions();
  const flow = useReactFlow();
  const { past, future } = state.history;
  const max = maxCurrent((live.result?.buses ?? []).map((b) => b.ikss_ka));
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
      <button type="button" className="small" onClick={() => flow.fitView({ padding: 0.2, duration: 300 })}>
        Fit view
      </button>
      <span className="divider" />
      <ImportButton />
      <ExportButton />
      <span className="divider" />
      <StudyControls value={options} onChange={onOptions} engineIssues={live.issues} />
      <span className="live-summary" data-testid="live-summary">
        {live.status === "computing" ? "computing…" : max > 0 ? `max Ik'' ${formatKa(max)} kA` : ""}
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
