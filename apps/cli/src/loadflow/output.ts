// A load-flow result → stdout in the chosen format, and lines for stderr. The table reuses the
// study's column alignment, the CSV the contracts' writer; JSON is the engine's result as it is
// (buses in the file's order, then branches, sources, losses and the convergence report).

import {
  LOAD_FLOW_BRANCH_CSV_COLUMNS,
  LOAD_FLOW_BUS_CSV_COLUMNS,
  type LoadFlowBranchResult,
  type LoadFlowBusResult,
  type LoadFlowResult,
  writeCsv,
} from "@ampflux/contracts";
import { prettyJsonPieces } from "../pretty-json.ts";
import { fixed } from "../study/numbers.ts";
import type { Format } from "../study/options.ts";
import type { Output } from "../study/output.ts";
import { alignColumns } from "../study/table.ts";

const NONE = "–";
/** Decimals: |V| in pu to 6 (1e-6 pu is the agreement the issue asks for), angles to 4, powers to 3. */
const DIGITS = { pu: 6, deg: 4, mw: 3, ka: 4, percent: 1 } as const;

function digitsOf(column: string): number | undefined {
  if (column.endsWith("_pu")) return DIGITS.pu;
  if (column.endsWith("_degree")) return DIGITS.deg;
  if (column.endsWith("_mw") || column.endsWith("_mvar")) return DIGITS.mw;
  if (column.endsWith("_ka")) return DIGITS.ka;
  if (column.endsWith("_percent")) return DIGITS.percent;
  return undefined;
}

function cell(value: unknown, column: string): string {
  const digits = digitsOf(column);
  if (digits === undefined) return value === null || value === undefined ? "" : String(value);
  // A value that rounds to zero prints as 0, not -0.000.
  const v = value as number | null;
  return fixed(v !== null && Math.abs(v) < 0.5 * 10 ** -digits ? 0 : v, digits);
}

/** "converged in 4 iterations, max mismatch 1.7e-14 pu (1.6e+0 → 1.9e-1 → …); losses 4.641 MW". */
export function convergenceLine(r: LoadFlowResult): string {
  const history = r.mismatch_pu.map((m) => m.toExponential(1)).join(" → ");
  const state = r.converged ? "converged" : `did not converge (${r.outcome})`;
  const losses = `losses ${cell(r.losses.p_mw, "p_mw")} MW, ${cell(r.losses.q_mvar, "q_mvar")} Mvar`;
  const engine = `engine ${(r.timing_ms.model + r.timing_ms.solve).toFixed(1)} ms`;
  return `${state} after ${r.iterations} iterations, max mismatch (pu) ${history}; ${losses}; ${engine}`;
}

/** The table's title per algorithm. */
const METHOD: Record<LoadFlowResult["algorithm"], string> = {
  nr: "Newton–Raphson",
  fdxb: "fast-decoupled XB",
  fdbx: "fast-decoupled BX",
  dc: "DC approximation: |V| = 1, no Q, no losses",
};

const warningLines = (r: LoadFlowResult) => r.warnings.map((w) => `warning: ${w}`);

const column = <T>(title: string, key: keyof T & string, text = false) => ({
  title,
  text,
  cell: (row: T) => (text ? String(row[key] ?? "") : cell(row[key], key) || NONE),
});

function formatTable(r: LoadFlowResult): string {
  const buses = alignColumns<LoadFlowBusResult>(
    [
      column("bus", "bus", true),
      column("type", "type", true),
      column("|V| pu", "vm_pu"),
      column("angle °", "va_degree"),
      column("P MW", "p_mw"),
      column("Q Mvar", "q_mvar"),
    ],
    r.buses,
  );
  const branches = alignColumns<LoadFlowBranchResult>(
    [
      column("branch", "id", true),
      column("from", "from_bus", true),
      column("to", "to_bus", true),
      column("P from MW", "p_from_mw"),
      column("Q from Mvar", "q_from_mvar"),
      column("I from kA", "i_from_ka"),
      column("P to MW", "p_to_mw"),
      column("Q to Mvar", "q_to_mvar"),
      column("I to kA", "i_to_ka"),
      column("loss MW", "pl_mw"),
      column("loading %", "loading_percent"),
    ],
    r.branches,
  );
  const title = `Load flow (${METHOD[r.algorithm]}, tolerance ${r.tolerance_pu} pu on ${r.base_mva} MVA)`;
  const lines = [title, "", ...buses, "", ...branches];
  if (r.warnings.length > 0) lines.push("", ...warningLines(r));
  lines.push("", convergenceLine(r));
  return `${lines.join("\n")}\n`;
}

export function renderLoadFlow(r: LoadFlowResult, format: Format): Output {
  if (format === "table") return { stdout: formatTable(r), stderr: [] };
  const stdout =
    format === "csv"
      ? `${writeCsv(LOAD_FLOW_BUS_CSV_COLUMNS, r.buses, cell)}\n${writeCsv(LOAD_FLOW_BRANCH_CSV_COLUMNS, r.branches, cell)}`
      : prettyJsonPieces(r);
  return { stdout, stderr: [...warningLines(r), convergenceLine(r)] };
}
