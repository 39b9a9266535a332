import type { TypeLibrary } from "@ampflux/contracts";
import { useEditor } from "../EditorContext.tsx";
import { type EditorDocument, findElement } from "../model/document.ts";
import { typeKindOf } from "../properties/TypePicker.tsx";

/** "type A → B" for an element whose type reference changed (by name where the library knows it). */
function typeChange(
  before: EditorDocument,
  now: EditorDocument,
  id: string,
  library: TypeLibrary,
): string | null {
  const name = (doc: EditorDocument) => {
    const found = findElement(doc, id);
    const type = found?.element.type;
    if (typeof type !== "string") return "no type";
    const kind = found && typeKindOf(found.collection);
    return (kind && library.get(kind, type)?.name) ?? type;
  };
  const [from, to] = [name(before), name(now)];
  return from === to ? null : `type ${from} → ${to}`;
}

/** The visual diff's legend and list, over the diagram while a version is compared. */
export function DiffBanner() {
  const { state, dispatch, doc, types } = useEditor();
  const diff = state.diff;
  if (!diff) return null;
  const { added, removed, changed } = diff.diff;
  const select = (id: string) => dispatch({ type: "select", ids: [id] });
  return (
    <div className="diff-banner" data-testid="diff-banner">
      <div className="row">
        <strong>Compared with version {diff.version}</strong>
        <span className="legend added">+{added.length} added</span>
        <span className="legend removed">−{removed.length} removed</span>
        <span className="legend changed">~{changed.length} changed</span>
        <button type="button" className="small" onClick={() => dispatch({ type: "diff", diff: null })}>
          Close
        </button>
      </div>
      <ul className="diff-list">
        {added.map((c) => (
          <li key={`a:${c.id}`} className="added">
            <button type="button" className="link-button" onClick={() => select(c.id)}>
              + {c.id}
            </button>
          </li>
        ))}
        {removed.map((c) => (
          <li key={`r:${c.id}`} className="removed">
            − {c.id}
          </li>
        ))}
        {changed.map((c) => (
          <li key={`c:${c.id}`} className="changed">
            <button type="button" className="link-button" onClick={() => select(c.id)}>
              ~ {c.id}
            </button>{" "}
            <span className="muted">{c.fields?.join(", ")}</span>
            {c.fields?.includes("type") && (
              <div className="small" data-testid={`type-change-${c.id}`}>
                {typeChange(diff.before, doc, c.id, types.library)}
              </div>
            )}
          </li>
        ))}
        {added.length + removed.length + changed.length === 0 && <li className="muted">No differences.</li>}
      </ul>
    </div>
  );
}
