import type { ArcFlashResult } from "@ampflux/contracts";
import { formatKa, formatNumber } from "../lib/format.ts";
import {
  ARC_FLASH_COLOURS,
  type ArcFlashSort,
  type ArcFlashSortKey,
  arcFlashBand,
  devicesText,
} from "./arc-flash.ts";

/** The full and the reduced arcing current's value, one above the other; the governing one in bold. */
function Pair({
  full,
  reduced,
  governing,
  format,
}: {
  full: number | null;
  reduced: number | null;
  governing: string | null;
  format(value: number | null): string;
}) {
  return (
    <>
      <div className={governing === "full" ? "governing" : undefined}>{format(full)}</div>
      <div className={governing === "reduced" ? "governing" : "muted"}>{format(reduced)}</div>
    </>
  );
}

/** An element's id: a button selecting it on the diagram, or plain text where there is none. */
function ElementLink({
  id,
  title,
  onSelect,
}: {
  id: string;
  title: string;
  onSelect?: ((id: string) => void) | undefined;
}) {
  if (!onSelect) return <span title={title}>{id}</span>;
  return (
    <button
      type="button"
      className="link-button"
      title={title}
      onClick={(e) => {
        // The row would select its bus next.
        e.stopPropagation();
        onSelect(id);
      }}
    >
      {id}
    </button>
  );
}

/** The PPE column: the category, or why there is none; the engine's full text as the tooltip. */
function ppeShort(r: ArcFlashResult): string {
  if (r.ppe_category !== null) return `PPE ${r.ppe_category}`;
  if (r.energy_cal_cm2 === null) return "–";
  return r.hazard === "danger" ? "no category" : "not required";
}

/**
 * Arc-flash results as given (already sorted): bus, incident energy, PPE, boundary, status with
 * its reason and what was defaulted (what a reader needs first, before the table scrolls), then
 * Ibf, arcing currents and clearing times (full / reduced, the governing one in bold), devices,
 * Voc. A row selects its bus on the diagram, a device its switch.
 */
export function ArcFlashTable({
  results,
  sort,
  onSort,
  busNames,
  selected,
  onSelect,
}: {
  results: readonly ArcFlashResult[];
  sort: ArcFlashSort;
  onSort(sort: ArcFlashSort): void;
  busNames: ReadonlyMap<string, string>;
  selected: readonly string[];
  /** Selects an element: a row's bus or a device's switch; absent where there is no diagram (a stored study). */
  onSelect?: ((id: string) => void) | undefined;
}) {
  const header = (key: ArcFlashSortKey, label: string, className?: string) => (
    <th
      className={className}
      aria-sort={sort.key === key ? (sort.descending ? "descending" : "ascending") : undefined}
    >
      <button
        type="button"
        className="link-button"
        onClick={() => onSort({ key, descending: sort.key === key ? !sort.descending : key !== "bus" })}
      >
        {label}
        {sort.key === key && (sort.descending ? " ↓" : " ↑")}
      </button>
    </th>
  );
  return (
    <div className="table-scroll">
      <table
        className={`results-table arc-flash-table${onSelect ? " selectable" : ""}`}
        data-testid="arc-flash-table"
      >
        <thead>
          <tr>
            {header("bus", "Bus")}
            {header("energy_cal_cm2", "E cal/cm²", "num")}
            <th>PPE</th>
            {header("boundary_mm", "AFB mm", "num")}
            <th>Status</th>
            {header("ibf_ka", "Ibf kA", "num")}
            <th className="num" title="Arcing current: full, then reduced (VarCF); the governing one in bold">
              Iarc kA
            </th>
            <th className="num" title="Clearing time of the full, then the reduced arcing current">
              t ms
            </th>
            <th>Devices</th>
            {header("voc_kv", "Voc kV", "num")}
          </tr>
        </thead>
        <tbody>
          {results.map((r) => (
            <ArcFlashRow
              key={r.bus}
              result={r}
              name={busNames.get(r.bus)}
              selected={selected.includes(r.bus)}
              onSelect={onSelect}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ArcFlashRow({
  result: r,
  name,
  selected,
  onSelect,
}: {
  result: ArcFlashResult;
  name: string | undefined;
  selected: boolean;
  onSelect?: ((id: string) => void) | undefined;
}) {
  const band = arcFlashBand(r);
  return (
    <tr
      className={selected ? "selected" : undefined}
      data-bus={r.bus}
      data-status={r.status}
      data-band={band}
      onClick={onSelect && (() => onSelect(r.bus))}
    >
      <td>
        <ElementLink id={r.bus} title={`select ${r.bus}`} onSelect={onSelect} />
        <div className="muted small">
          {[name, r.equipment.replace("_", " "), r.config].filter(Boolean).join(" · ")}
        </div>
      </td>
      <td className="num" data-col="energy">
        <span className="swatch" style={{ background: ARC_FLASH_COLOURS[band] }} />{" "}
        <span className="value">{formatNumber(r.energy_cal_cm2)}</span>
        {r.energy_j_cm2 !== null && <div className="muted small">{formatNumber(r.energy_j_cm2)} J/cm²</div>}
      </td>
      <td data-col="ppe" title={r.ppe ?? undefined}>
        {ppeShort(r)}
      </td>
      <td className="num" data-col="boundary">
        {formatNumber(r.boundary_mm)}
      </td>
      <td data-col="status">
        <span className={`arc-status status-${r.status}`}>{r.status.replace("_", " ")}</span>
        {r.reason && <div className="small">{r.reason}</div>}
        {r.notes.length > 0 && <div className="muted small">{r.notes.join("; ")}</div>}
        {r.defaulted.length > 0 && (
          <details className="small" data-testid="arc-flash-defaulted">
            <summary>{r.defaulted.length} defaulted</summary>
            <ul>
              {r.defaulted.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          </details>
        )}
      </td>
      <td className="num" data-col="ibf">
        {formatKa(r.ibf_ka)}
      </td>
      <td className="num" data-col="iarc">
        <Pair full={r.iarc_ka} reduced={r.iarc_min_ka} governing={r.governing} format={formatKa} />
      </td>
      <td className="num" data-col="time">
        <Pair full={r.time_ms} reduced={r.time_min_ms} governing={r.governing} format={formatNumber} />
      </td>
      <td data-col="devices" title={devicesText(r)}>
        {r.devices.length === 0
          ? "–"
          : r.devices.map((d, i) => (
              <span key={d.switch}>
                {i > 0 && ", "}
                <ElementLink
                  id={d.switch}
                  title={d.via === "set" ? "set in the bus's arc_flash.devices" : "found towards a source"}
                  onSelect={onSelect}
                />
              </span>
            ))}
      </td>
      <td className="num" data-col="voc">
        {formatNumber(r.voc_kv)}
      </td>
    </tr>
  );
}
