import { useEditor } from "../EditorContext.tsx";
import { findElement } from "../model/document.ts";
import { useEditorActions } from "../useEditorActions.ts";
import { DocumentProperties } from "./DocumentProperties.tsx";
import { ElementProperties } from "./ElementProperties.tsx";

/** What is selected: one element's properties, a wire, several elements, or the network itself. */
export function PropertiesPanel() {
  const { doc, state, canEdit } = useEditor();
  const actions = useEditorActions();
  const selection = state.selection;
  if (selection.length === 0) return <DocumentProperties />;
  if (selection.length === 1) {
    const [id = ""] = selection;
    if (id.includes("|")) {
      const [element, field] = id.split("|");
      return (
        <div className="panel-body stack">
          <p>
            Wire from <strong>{element}</strong> ({field?.replace(/_/g, " ")}).
          </p>
          {canEdit && (
            <button type="button" className="small" onClick={() => actions.remove([id])}>
              Disconnect
            </button>
          )}
        </div>
      );
    }
    const located = findElement(doc, id);
    if (located) return <ElementProperties key={id} located={located} />;
  }
  return (
    <div className="panel-body stack">
      <p>{selection.length} items selected.</p>
      {canEdit && (
        <button type="button" className="danger small" onClick={() => actions.remove(selection)}>
          Delete selected
        </button>
      )}
    </div>
  );
}
