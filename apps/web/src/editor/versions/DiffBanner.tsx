import { useEditor } from "../EditorContext.tsx";

/** The visual diff's legend and list, over the diagram while a version is compared. */
export function DiffBanner() {
  const { state, dispatch } = useEditor();
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
          </li>
        ))}
        {added.length + removed.length + changed.length === 0 && <li className="muted">No differences.</li>}
      </ul>
    </div>
  );
}
