import { ELEMENT_COLLECTIONS } from "@ampflux/contracts";
import { useId, useMemo, useState } from "react";
import { useEditor } from "../EditorContext.tsx";
import { KINDS } from "../model/catalog.ts";
import { useEditorActions } from "../useEditorActions.ts";
import type { Decorations } from "./types.ts";

/** How many matches the list shows (the rest are counted). */
const SHOWN = 12;

interface Match {
  id: string;
  name: string;
  kind: string;
}

/** Matches of a query by id or name: exact ids first, then ids and names starting with it, then containing it. */
export function searchElements(
  elements: Array<{ id: string; name: string; kind: string }>,
  query: string,
): Match[] {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  const scored: Array<[number, Match]> = [];
  for (const e of elements) {
    const id = e.id.toLowerCase();
    const name = e.name.toLowerCase();
    const score =
      id === q
        ? 0
        : id.startsWith(q)
          ? 1
          : name.startsWith(q)
            ? 2
            : id.includes(q) || name.includes(q)
              ? 3
              : -1;
    if (score >= 0) scored.push([score, e]);
  }
  return scored
    .sort((a, b) => a[0] - b[0] || a[1].id.localeCompare(b[1].id, undefined, { numeric: true }))
    .map(([, m]) => m);
}

/** Distinct nominal voltages of the buses, highest first. */
export function voltageLevels(buses: Array<Record<string, unknown>>): number[] {
  const levels = new Set<number>();
  for (const b of buses) if (typeof b.vn_kv === "number") levels.add(b.vn_kv);
  return [...levels].sort((a, b) => b - a);
}

/**
 * Finding things on the diagram: search by id or name and jump to the element (the view centres
 * on the selection), and highlight (select) every bus of one voltage level or whose live Ik''
 * reaches a threshold.
 */
export function DiagramSearch({ decorations }: { decorations: Decorations }) {
  const { doc } = useEditor();
  const actions = useEditorActions();
  const listId = useId();
  const [query, setQuery] = useState("");
  const [threshold, setThreshold] = useState("");
  const [note, setNote] = useState<string | null>(null);
  const elements = useMemo(
    () =>
      ELEMENT_COLLECTIONS.flatMap((c) =>
        doc[c].map((e) => ({
          id: e.id,
          name: typeof e.name === "string" ? e.name : "",
          kind: KINDS[c].label,
        })),
      ),
    [doc],
  );
  const matches = useMemo(() => searchElements(elements, query), [elements, query]);
  const levels = useMemo(() => voltageLevels(doc.buses), [doc.buses]);

  const jump = (id: string) => {
    actions.select([id]);
    setQuery("");
    setNote(null);
  };
  const highlight = (ids: string[], what: string) => {
    actions.select(ids);
    setNote(`${ids.length} bus${ids.length === 1 ? "" : "es"} ${what}`);
  };
  const byLevel = (value: string) => {
    if (!value) return;
    const kv = Number(value);
    highlight(
      doc.buses.filter((b) => b.vn_kv === kv).map((b) => b.id),
      `at ${kv} kV selected`,
    );
  };
  const byThreshold = () => {
    const ka = Number(threshold);
    if (!threshold || !Number.isFinite(ka) || ka < 0) {
      setNote("Ik'' threshold: enter a current in kA ≥ 0");
      return;
    }
    const ids = doc.buses
      .filter((b) => {
        const ik = decorations.results.get(b.id)?.ikssKa;
        return typeof ik === "number" && ik >= ka;
      })
      .map((b) => b.id);
    highlight(ids, `with Ik'' ≥ ${ka} kA selected`);
  };

  return (
    <search className="diagram-search">
      <div className="diagram-search-row">
        <input
          type="search"
          placeholder="Find by id or name…"
          aria-label="Find an element by id or name"
          aria-controls={listId}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && matches[0]) jump(matches[0].id);
            if (e.key === "Escape") setQuery("");
          }}
        />
      </div>
      {query.trim() && (
        <ul className="diagram-search-results" id={listId} aria-label="Matches">
          {matches.length === 0 && <li className="muted">No element matches “{query.trim()}”</li>}
          {matches.slice(0, SHOWN).map((m) => (
            <li key={m.id}>
              <button type="button" className="link" onClick={() => jump(m.id)}>
                <strong>{m.id}</strong> {m.name && <span>{m.name}</span>}{" "}
                <span className="muted">{m.kind}</span>
              </button>
            </li>
          ))}
          {matches.length > SHOWN && <li className="muted">and {matches.length - SHOWN} more</li>}
        </ul>
      )}
      <div className="diagram-search-row">
        <select
          aria-label="Select buses of a voltage level"
          value=""
          onChange={(e) => byLevel(e.target.value)}
        >
          <option value="">Voltage level…</option>
          {levels.map((kv) => (
            <option key={kv} value={kv}>
              {kv} kV
            </option>
          ))}
        </select>
        <input
          type="number"
          min={0}
          step="any"
          placeholder="Ik'' ≥ kA"
          aria-label="Ik'' threshold in kA"
          value={threshold}
          onChange={(e) => setThreshold(e.target.value)}
          onKeyDown={(e) => e.key === "Enter" && byThreshold()}
        />
        <button type="button" className="small" onClick={byThreshold}>
          Select
        </button>
      </div>
      {note && (
        <p className="diagram-search-note" role="status">
          {note}
        </p>
      )}
    </search>
  );
}
