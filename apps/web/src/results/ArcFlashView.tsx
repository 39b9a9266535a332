import type { ArcFlashLabelStudy, ArcFlashResult } from "@ampflux/contracts";
import { useMemo, useState } from "react";
import { downloadFile } from "../lib/download.ts";
import { EmptyState } from "../ui/EmptyState.tsx";
import { ArcFlashTable } from "./ArcFlashTable.tsx";
import {
  ARC_FLASH_BAND_LABELS,
  ARC_FLASH_BANDS,
  ARC_FLASH_COLOURS,
  type ArcFlashSort,
  arcFlashSummary,
  DEFAULT_ARC_FLASH_SORT,
  sortArcFlash,
} from "./arc-flash.ts";
import { arcFlashCsv, arcFlashJson } from "./export.ts";
import { LabelsDialog } from "./LabelsDialog.tsx";

interface Props {
  results: readonly ArcFlashResult[];
  /** Download file name without extension. */
  fileName: string;
  /** The CSV's first line and the JSON's fields besides `arc_flash`: what the results were computed with. */
  provenance: { comment: string; fields: Record<string, unknown> };
  busNames: ReadonlyMap<string, string>;
  /** What the labels say about the study. */
  study: ArcFlashLabelStudy;
  selected?: readonly string[];
  onSelect?(bus: string): void;
}

/**
 * Arc-flash results as the Arc flash tab and a stored study show them: counts by PPE band and by
 * why a bus has no number, the table (highest energy first, sortable), CSV/JSON downloads and
 * the labels of the buses with a number.
 */
export function ArcFlashView({
  results,
  fileName,
  provenance,
  busNames,
  study,
  selected = [],
  onSelect,
}: Props) {
  const [sort, setSort] = useState<ArcFlashSort>(DEFAULT_ARC_FLASH_SORT);
  const [labelsOpen, setLabelsOpen] = useState(false);
  const rows = useMemo(() => sortArcFlash(results, sort), [results, sort]);
  const summary = arcFlashSummary(results);
  const computed = summary.total - summary.none;
  return (
    <>
      <p className="small" data-testid="arc-flash-summary">
        {summary.total} bus(es): {computed} with a number, {summary.out_of_range} out of range,{" "}
        {summary.missing_data} missing data, {summary.no_device} no device, {summary.unfed} unfed
      </p>
      <ul className="band-counts" aria-label="Buses by PPE category">
        {ARC_FLASH_BANDS.filter((b) => b !== "none").map((band) => (
          <li key={band} data-band={band}>
            <span className="swatch" style={{ background: ARC_FLASH_COLOURS[band] }} />{" "}
            {ARC_FLASH_BAND_LABELS[band]}: <strong>{summary[band]}</strong>
          </li>
        ))}
      </ul>
      {results.length > 0 ? (
        <ArcFlashTable
          results={rows}
          sort={sort}
          onSort={setSort}
          busNames={busNames}
          selected={selected}
          onSelect={onSelect}
        />
      ) : (
        <EmptyState title="No buses">Add a bus fed by a source.</EmptyState>
      )}
      {results.length > 0 && (
        <div className="row">
          <button
            type="button"
            className="small"
            onClick={() => downloadFile(`${fileName}.csv`, arcFlashCsv(provenance.comment, rows), "text/csv")}
          >
            Download arc-flash CSV
          </button>
          <button
            type="button"
            className="small"
            onClick={() =>
              downloadFile(`${fileName}.json`, arcFlashJson(provenance.fields, rows), "application/json")
            }
          >
            Download arc-flash JSON
          </button>
          <button
            type="button"
            className="small"
            disabled={computed === 0}
            onClick={() => setLabelsOpen(true)}
          >
            Labels…
          </button>
        </div>
      )}
      {labelsOpen && (
        <LabelsDialog
          results={rows}
          study={study}
          busNames={busNames}
          fileName={`${fileName}-labels`}
          onClose={() => setLabelsOpen(false)}
        />
      )}
    </>
  );
}
