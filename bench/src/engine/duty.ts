// Duty on a large network: an all-bus three-phase maximum-case study of case9241pegase without
// duty, with duty as imported (nothing rated: one warning), and with duty after giving every bus
// and line a built-in type (and, in the last two variants, a built-in breaker at both ends of every
// line, checked with the bus current and with the current through each device), resolved by
// validation as the api resolves on save. Each variant runs in its own Node process
// (phase-variants.ts).
// Run alone: `node bench/src/engine/duty.ts <variant> [network] [repeats]` prints one JSON row.

import type { NetworkDocument, NetworkDocumentInput } from "@ampflux/contracts";
import { matpowerNetwork } from "../networks.ts";
import { table } from "../report.ts";
import {
  measureIfMain,
  measureInChildren,
  type PhaseTimes,
  phaseCells,
  phaseColumns,
  timePhase,
} from "./phase-variants.ts";

export const DUTY_VARIANTS = [
  "no duty",
  "duty, unrated",
  "duty, typed buses and lines",
  "duty, typed + breakers",
  "through, typed + breakers",
] as const;
export type DutyVariant = (typeof DUTY_VARIANTS)[number];

export interface DutyRow {
  network: string;
  buses: number;
  variant: DutyVariant;
  checks: number;
  /** First study on a fresh WASM instance in a fresh process. */
  coldMs: number;
  /** Best of the repeats that follow. */
  warmMs: number;
  /** The study's own "duty" lap: the smallest over the warm runs. */
  dutyLapMs: number;
  /** The rest of the study (total − duty lap): the smallest over the warm runs. */
  restMs: number;
  /** The study's own "duty" lap in the cold run. */
  coldDutyLapMs: number;
}

/** Built-in types (packages/contracts/src/types): IEC 62271 switchgear, a pandapower overhead line. */
const BUS_TYPE = "Switchgear 63 kA 1 s (IEC 62271-200)";
const LINE_TYPE = "490-AL1/64-ST1A 380.0";
const BREAKER_TYPE = "CB 420 kV 63 kA (IEC 62271-100)";

/** `type` set on every bus and line (and breakers added); resolveTypes fills only unset fields. */
function rated(doc: NetworkDocument, breakers: boolean): NetworkDocumentInput {
  return {
    ...doc,
    buses: doc.buses.map((b) => ({ ...b, type: BUS_TYPE })),
    lines: doc.lines.map((l) => ({ ...l, type: LINE_TYPE })),
    switches: breakers
      ? doc.lines.flatMap((l) =>
          [l.from_bus, l.to_bus].map((bus, end) => ({
            id: `CB ${l.id} ${end}`,
            bus,
            element: l.id,
            element_type: "line" as const,
            type: BREAKER_TYPE,
          })),
        )
      : doc.switches,
  };
}

export async function measureDutyVariant(
  variant: DutyVariant,
  network: string,
  repeats: number,
): Promise<DutyRow> {
  const { document } = await matpowerNetwork(network);
  const input =
    variant === "duty, typed buses and lines"
      ? rated(document, false)
      : variant === "duty, typed + breakers" || variant === "through, typed + breakers"
        ? rated(document, true)
        : document;
  const options = {
    fault: "3ph" as const,
    case: "max" as const,
    duty: variant !== "no duty",
    duty_current: variant.startsWith("through") ? ("through" as const) : ("bus" as const),
  };
  const { times, cold } = await timePhase(input, options, repeats, "duty");
  return {
    network,
    buses: document.buses.length,
    variant,
    checks: cold.duty?.length ?? 0,
    coldMs: times.coldMs,
    warmMs: times.warmMs,
    dutyLapMs: times.lapMs,
    restMs: times.restMs,
    coldDutyLapMs: times.coldLapMs,
  };
}

/** Every variant, each in a child process; the first (no duty) is the baseline of the overhead. */
export const benchDuty = (quick: boolean) =>
  measureInChildren<DutyRow>(import.meta.url, DUTY_VARIANTS, quick);

/**
 * Cold and warm beside each other. "added" compares with the no-duty row (other processes on a
 * shared machine move it by more than duty costs); "lap / rest" is the duty phase against the
 * study's other phases in the same process: cold, in the first run; warm, the smallest lap over
 * the smallest rest of the warm runs (each the least disturbed by other processes).
 */
export function dutyTable(rows: DutyRow[]): string {
  // A duty row keeps its own names for the lap (dutyLapMs, coldDutyLapMs) in the stored results.
  const times = (r: DutyRow): PhaseTimes => ({ ...r, lapMs: r.dutyLapMs, coldLapMs: r.coldDutyLapMs });
  const base = rows.find((r) => r.variant === "no duty");
  return table(
    ["variant", "checks", ...phaseColumns("duty lap")],
    rows.map((r) => [r.variant, r.checks, ...phaseCells(times(r), base && times(base))]),
  );
}

await measureIfMain(import.meta.url, DUTY_VARIANTS, measureDutyVariant);
