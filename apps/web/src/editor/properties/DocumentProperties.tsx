import { StudyOptionsSection } from "../../results/StudyOptionFields.tsx";
import { useEditor } from "../EditorContext.tsx";
import { useEditorActions } from "../useEditorActions.ts";
import { IssueList } from "./IssueList.tsx";

/** Nothing selected: the network's own fields and every validation message, each one clickable. */
export function DocumentProperties() {
  const { doc, canEdit, validation } = useEditor();
  const actions = useEditorActions();
  const counts = Object.entries(doc)
    .filter(([, v]) => Array.isArray(v) && v.length > 0)
    .map(([k, v]) => `${(v as unknown[]).length} ${k.replace(/_/g, " ")}`);
  return (
    <div className="panel-body stack" data-testid="document-properties">
      <div className="prop">
        <label htmlFor="doc-name">Network name</label>
        <input
          id="doc-name"
          value={doc.name}
          disabled={!canEdit}
          onChange={(e) => actions.setDocumentField("name", e.target.value)}
        />
      </div>
      <div className="prop">
        <label htmlFor="doc-frequency">Frequency</label>
        <div className="prop-input">
          <select
            id="doc-frequency"
            value={doc.frequency_hz}
            disabled={!canEdit}
            onChange={(e) => actions.setDocumentField("frequency_hz", Number(e.target.value))}
          >
            <option value={50}>50</option>
            <option value={60}>60</option>
          </select>
          <span className="unit">Hz</span>
        </div>
      </div>
      <StudyOptionsSection />
      <p className="muted small">{counts.length ? counts.join(", ") : "The network is empty."}</p>
      <IssueList title="Errors" issues={validation.errors} kind="error" />
      <IssueList title="Warnings" issues={validation.warnings} kind="warning" />
      <p className="muted small">Select an element on the diagram to edit it.</p>
    </div>
  );
}
