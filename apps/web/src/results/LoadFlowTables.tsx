import type { LoadFlowSourceResult } from "@ampflux/contracts";
import { formatNumber } from "../lib/format.ts";
import {
  LOAD_FLOW_BAND_LABELS,
  LOAD_FLOW_COLOURS,
  type LoadFlowBranchRow,
  type LoadFlowBusRow,
} from "./load-flow.ts";
import "../load-flow/load-flow.css";

const fixed = (value: number | null, digits: number) => (value === null ? "–" : value.toFixed(digits));

interface Column<Row> {
  header: string;
  /** Right-aligned figures. */
  num?: boolean;
  cell(row: Row): React.ReactNode;
}

/** Selecting a row selects its element in the editor (the live results); stored results omit it. */
export interface RowSelection {
  selected: readonly string[];
  onSelect(id: string): void;
}

interface TableSpec<Row> {
  caption: string;
  testId: string;
  columns: readonly Column<Row>[];
  rowKey(row: Row): string;
  /** The element a row belongs to (what selecting it selects). */
  elementOf(row: Row): string;
  /** data-* attributes of a row, for tests and styles. */
  attributes(row: Row): Record<`data-${string}`, string>;
}

interface TableProps<Row> extends TableSpec<Row> {
  rows: readonly Row[];
  selection?: RowSelection | undefined;
}

/** A table component of one kind of row: pass the rows, and a selection in the editor. */
function tableOf<Row>(spec: TableSpec<Row>) {
  return (props: { rows: readonly Row[]; selection?: RowSelection | undefined }) => (
    <LoadFlowTable {...spec} {...props} />
  );
}

/** One load-flow table: a caption, a header per column, a row per result. */
function LoadFlowTable<Row>({
  caption,
  testId,
  columns,
  rows,
  rowKey,
  elementOf,
  attributes,
  selection,
}: TableProps<Row>) {
  return (
    <table className="results-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th key={c.header} className={c.num ? "num" : undefined}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const element = elementOf(row);
          return (
            <tr
              key={rowKey(row)}
              {...attributes(row)}
              className={selection ? "selectable" : undefined}
              aria-selected={selection ? selection.selected.includes(element) : undefined}
              onClick={selection ? () => selection.onSelect(element) : undefined}
            >
              {columns.map((c) => (
                <td key={c.header} className={c.num ? "num" : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Violation({
  violation,
}: {
  violation: LoadFlowBusRow["violation"] | LoadFlowBranchRow["violation"];
}) {
  if (!violation) return null;
  return (
    <span className="lf-violation" style={{ color: LOAD_FLOW_COLOURS[violation] }}>
      {LOAD_FLOW_BAND_LABELS[violation]}
    </span>
  );
}

const BUS_COLUMNS: Column<LoadFlowBusRow>[] = [
  { header: "Bus", cell: (b) => b.bus },
  { header: "Type", cell: (b) => b.type },
  { header: "Vm pu", num: true, cell: (b) => fixed(b.vm_pu, 4) },
  { header: "Va °", num: true, cell: (b) => fixed(b.va_degree, 2) },
  { header: "P MW", num: true, cell: (b) => formatNumber(b.p_mw) },
  { header: "Q Mvar", num: true, cell: (b) => formatNumber(b.q_mvar) },
  { header: "Violation", cell: (b) => <Violation violation={b.violation} /> },
];

/** Bus voltages (Vm in pu to 4 decimals, Va in degrees) and net consumption, with violations. */
export const LoadFlowBusTable = tableOf<LoadFlowBusRow>({
  caption: "Buses",
  testId: "load-flow-buses",
  columns: BUS_COLUMNS,
  rowKey: (b) => b.bus,
  elementOf: (b) => b.bus,
  attributes: (b) => ({ "data-bus": b.bus, "data-violation": b.violation ?? "" }),
});

const BRANCH_COLUMNS: Column<LoadFlowBranchRow>[] = [
  { header: "Branch", cell: (b) => b.id },
  { header: "From → to", cell: (b) => `${b.from_bus} → ${b.to_bus}` },
  { header: "P MW", num: true, cell: (b) => formatNumber(b.p_from_mw) },
  { header: "Q Mvar", num: true, cell: (b) => formatNumber(b.q_from_mvar) },
  { header: "I kA", num: true, cell: (b) => formatNumber(Math.max(b.i_from_ka, b.i_to_ka)) },
  { header: "Losses MW", num: true, cell: (b) => formatNumber(b.pl_mw) },
  { header: "Loading %", num: true, cell: (b) => fixed(b.loading_percent, 1) },
  { header: "Violation", cell: (b) => <Violation violation={b.violation} /> },
];

/** Branch flows at the from end, the larger end current, losses and loading, with violations. */
export const LoadFlowBranchTable = tableOf<LoadFlowBranchRow>({
  caption: "Branches",
  testId: "load-flow-branches",
  columns: BRANCH_COLUMNS,
  rowKey: (b) => `${b.id}:${b.from_bus}`,
  elementOf: (b) => b.id,
  attributes: (b) => ({ "data-branch": b.id, "data-violation": b.violation ?? "" }),
});

const SOURCE_COLUMNS: Column<LoadFlowSourceResult>[] = [
  {
    header: "Source",
    cell: (s) => (
      <>
        {s.id} <span className="muted small">{s.kind === "external_grid" ? "grid" : "generator"}</span>
      </>
    ),
  },
  { header: "Bus", cell: (s) => s.bus },
  { header: "P MW", num: true, cell: (s) => formatNumber(s.p_mw) },
  { header: "Q Mvar", num: true, cell: (s) => formatNumber(s.q_mvar) },
];

/** What each external grid and generator feeds. */
export const LoadFlowSourceTable = tableOf<LoadFlowSourceResult>({
  caption: "Sources",
  testId: "load-flow-sources",
  columns: SOURCE_COLUMNS,
  rowKey: (s) => s.id,
  elementOf: (s) => s.id,
  attributes: (s) => ({ "data-source": s.id }),
});

/** Converged or not, the iterations and the max mismatch before each step. */
export function ConvergenceHistory({
  converged,
  outcome,
  iterations,
  mismatch,
  tolerance,
}: {
  converged: boolean;
  outcome: string;
  iterations: number;
  mismatch: readonly number[];
  tolerance: number;
}) {
  return (
    <section className="stack" data-testid="load-flow-convergence" data-converged={converged}>
      <p className={converged ? undefined : "alert"} role={converged ? undefined : "alert"}>
        {converged
          ? `Converged after ${iterations} iteration${iterations === 1 ? "" : "s"} (tolerance ${tolerance.toExponential(0)} pu).`
          : `Did not converge (${outcome}) after ${iterations} iterations: the voltages shown are the last iterate, not a solution.`}
      </p>
      <ol className="lf-history small" aria-label="Max mismatch per iteration (pu)">
        {mismatch.map((m, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: one entry per iteration, in order
          <li key={i}>{m.toExponential(2)}</li>
        ))}
      </ol>
    </section>
  );
}
