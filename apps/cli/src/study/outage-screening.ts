// `ampflux study FILE --n-1 all|ID,ID…`: N-1 screening of I''k instead of one study. The worst
// current per bus over the intact network and every outage, with the outage that gives it.

import type {
  OutageScreeningOptionsInput,
  OutageScreeningResult,
  ShortCircuitOptionsInput,
} from "@ampflux/contracts";
import { ShortCircuitInputError, type SimCore } from "@ampflux/sim-wasm";
import { inputError } from "../errors.ts";
import type { StdoutText } from "../io.ts";
import { prettyJsonPieces } from "../pretty-json.ts";
import { DIGITS, fixed } from "./numbers.ts";
import type { Format } from "./options.ts";
import { alignColumns, type Column } from "./table.ts";

/** The study flags the screening takes; the others were refused with the flags. */
export function screeningOptions(
  outages: string,
  options: ShortCircuitOptionsInput,
): OutageScreeningOptionsInput {
  return {
    fault: options.fault,
    case: options.case,
    outages:
      outages === "all"
        ? "all"
        : outages
            .split(",")
            .map((id) => id.trim())
            .filter(Boolean),
  };
}

export function runScreening(
  core: SimCore,
  document: unknown,
  options: OutageScreeningOptionsInput,
  label: string,
): OutageScreeningResult {
  try {
    return core.outageScreening(document, options);
  } catch (error) {
    if (error instanceof ShortCircuitInputError)
      throw inputError(
        ...error.issues.map((i) => `${label}: ${i.path.join(".") || "(document)"}: ${i.message}`),
      );
    throw error;
  }
}

type Row = OutageScreeningResult["buses"][number];

const COLUMNS: Column<Row>[] = [
  { title: "bus", text: true, cell: (b) => b.bus },
  { title: "worst Ik'' kA", cell: (b) => fixed(b.ikss_ka, DIGITS.ka, "–") },
  { title: "outage", text: true, cell: (b) => b.outage ?? (b.ikss_ka === null ? "" : "(none)") },
  { title: "intact Ik'' kA", cell: (b) => fixed(b.base_ikss_ka, DIGITS.ka, "–") },
];

/** stdout in the chosen format, and the lines for stderr (what was not screened, the timing). */
export function renderScreening(
  result: OutageScreeningResult,
  format: Format,
): { stdout: StdoutText; stderr: string[] } {
  const o = result.options;
  const worst = o.worst ?? (o.case === "max" ? "highest" : "lowest");
  const stderr = [
    ...result.not_screened.map((s) => `not screened: ${s.element}: ${s.reason}`),
    `N-1: ${result.outages.length} outages × ${result.buses.length} buses, ${Object.entries(result.timings)
      .map(([phase, ms]) => `${phase} ${ms.toFixed(1)} ms`)
      .join(", ")}`,
  ];
  if (format === "json") return { stdout: prettyJsonPieces(result), stderr };
  if (format === "csv") {
    const lines = ["bus,ikss_ka,outage,base_ikss_ka"];
    for (const b of result.buses)
      lines.push([b.bus, b.ikss_ka ?? "", b.outage ?? "", b.base_ikss_ka ?? ""].map(String).join(","));
    return { stdout: `${lines.join("\n")}\n`, stderr };
  }
  const title = `IEC 60909-0:2016 N-1 screening: ${o.fault} fault, ${o.case} case, the ${worst} I''k per bus over the intact network and ${result.outages.length} branch outages`;
  return { stdout: `${[title, "", ...alignColumns(COLUMNS, result.buses)].join("\n")}\n`, stderr };
}
