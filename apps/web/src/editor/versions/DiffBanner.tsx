import type { TypeLibrary } from "@ampflux/contracts";
import { useMemo } from "react";
import { ikssLabel } from "../../results/case-labels.ts";
import type { LiveStudyOptions } from "../../results/protocol.ts";
import { type LiveResults, useLiveResults } from "../../results/useLiveResults.ts";
import { useEditor } from "../EditorContext.tsx";
import { type EditorDocument, findElement } from "../model/document.ts";
import type { VisualDiff } from "../model/reducer.ts";
import { typeKindOf } from "../properties/TypePicker.tsx";
import { affectedBuses, fieldChanges, resultChanges } from "./diff-values.ts";

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

/** The fault current at the buses the change touches: the compared version's (computed here) and now. */
function ResultChanges({
  diff,
  live,
  options,
}: {
  diff: VisualDiff;
  live: LiveResults;
  options: LiveStudyOptions;
}) {
  const { doc, types } = useEditor();
  const old = useLiveResults(diff.before, options, types.companyTypes);
  const buses = useMemo(() => affectedBuses(diff.diff, diff.before, doc), [diff, doc]);
  if (buses.length === 0) return null;
  if (!old.result || !live.result)
    return <p className="muted small">Computing the fault currents of version {diff.version}…</p>;
  const label = ikssLabel(options.case);
  return (
    <div className="diff-results" data-testid="diff-results">
      <strong>
        {label} at the affected buses, version {diff.version} → now
      </strong>
      <ul>
        {resultChanges(buses, old.result.buses, live.result.buses).map((r) => (
          <li key={r.bus} data-bus={r.bus}>
            {r.bus}: {r.text}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface Props {
  /** The live study of the network now, to compare with the version's. */
  live: LiveResults;
  options: LiveStudyOptions;
}

/** The visual diff's legend and list, over the diagram while a version is compared. */
export function DiffBanner({ live, options }: Props) {
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
            <ul className="diff-values" data-testid={`diff-values-${c.id}`}>
              {fieldChanges(diff.before, doc, c.id, c.fields ?? [])
                .filter((f) => f.field !== "type")
                .map((f) => (
                  <li key={f.field}>
                    {f.label}: {f.before} → {f.after}
                  </li>
                ))}
            </ul>
            {c.fields?.includes("type") && (
              <div className="small" data-testid={`type-change-${c.id}`}>
                {typeChange(diff.before, doc, c.id, types.library)}
              </div>
            )}
          </li>
        ))}
        {added.length + removed.length + changed.length === 0 && <li className="muted">No differences.</li>}
      </ul>
      <ResultChanges diff={diff} live={live} options={options} />
    </div>
  );
}
