// The duty study: every switch, and every bus, line and transformer with a type or a rating,
// checked against the currents of one maximum-case study (docs/duty.md). Which current a device
// sees follows options.duty_current: "bus", the total fault current at its bus (conservative),
// or "through", the largest current through it for a fault on either side (through-currents.ts).

import type { DutyCheck, NetworkDocument, NetworkIssue, ShortCircuitOptions } from "@ampflux/contracts";
import type { ShortCircuitModel } from "../iec60909/model.ts";
import type { SimExports } from "../loader.ts";
import { BusFaultCurrents, type DeviceCurrent, larger } from "./device-current.ts";
import { DutyBatch } from "./duty-batch.ts";
import {
  busChecks,
  isRatedBus,
  isRatedLine,
  isRatedTransformer,
  lineChecks,
  transformerChecks,
} from "./element-checks.ts";
import { switchChecks } from "./switch-checks.ts";
import { ThroughCurrents } from "./through-currents.ts";
import { sortWorstFirst } from "./worst-first.ts";

export interface DutyInput {
  sim: SimExports;
  doc: NetworkDocument;
  model: ShortCircuitModel;
  options: ShortCircuitOptions;
  /** Positive-sequence matrix index per node (−1: unfed). */
  index: Int32Array;
  /** The bus-result kernel's output (BUS_RESULT_STRIDE per bus). */
  raw: Float64Array;
}

export interface DutyOutcome {
  /** Worst first, in compareDuty's order. */
  checks: DutyCheck[];
  warnings: NetworkIssue[];
}

/** How each element finds the current it is checked with, in the study's duty_current mode. */
interface CurrentChoice {
  /** A device at `bus` on the end of branch `element`. */
  device(element: string, bus: string): DeviceCurrent;
  /** What a transformer feeds into a fault at its LV bus. */
  transformer(element: string, lvBus: string): DeviceCurrent;
}

export function evaluateDuty(input: DutyInput): DutyOutcome {
  const { sim, doc, model, options, index, raw } = input;
  const buses = new BusFaultCurrents(model, index, raw);
  const through =
    options.duty_current === "through"
      ? new ThroughCurrents(sim, model, index, raw, options.fault, buses)
      : undefined;
  try {
    const choice: CurrentChoice = through
      ? {
          device: (element, bus) => through.device(element, bus),
          transformer: (element, lvBus) => through.fedInto(element, lvBus),
        }
      : { device: (_element, bus) => buses.at(bus), transformer: (_element, lvBus) => buses.at(lvBus) };
    const batch = new DutyBatch();
    const unrated = addChecks(doc, model, buses, choice, options, batch);
    const checks = sortWorstFirst(batch.evaluate(sim, doc.frequency_hz, options.tk_s));
    return { checks, warnings: unratedWarning(unrated) };
  } finally {
    through?.dispose();
  }
}

interface Unrated {
  buses: number;
  lines: number;
  transformers: number;
}

function addChecks(
  doc: NetworkDocument,
  model: ShortCircuitModel,
  buses: BusFaultCurrents,
  choice: CurrentChoice,
  options: ShortCircuitOptions,
  batch: DutyBatch,
): Unrated {
  const times = { tminS: options.tmin_s, tkS: options.tk_s };
  if (doc.switches.length > 0) {
    // Out-of-service buses have no node; a switch on an out-of-service branch is not checked.
    const liveBus = (id: string) => model.nodeOfBus.has(id);
    const liveBranch = new Set(
      [...doc.lines, ...doc.transformers, ...doc.transformers3w].filter((e) => e.in_service).map((e) => e.id),
    );
    for (const sw of doc.switches) {
      if (!liveBus(sw.bus)) continue;
      if (sw.element_type === "bus") {
        if (!liveBus(sw.element)) continue;
        const note =
          options.duty_current === "through"
            ? "bus–bus switch: checked with the larger bus fault current"
            : undefined;
        switchChecks(sw, larger(buses.at(sw.bus), buses.at(sw.element)), times, batch, note);
      } else if (liveBranch.has(sw.element)) {
        switchChecks(sw, choice.device(sw.element, sw.bus), times, batch, undefined);
      }
    }
  }
  const unrated: Unrated = { buses: 0, lines: 0, transformers: 0 };
  for (const bus of doc.buses) {
    if (!bus.in_service) continue;
    if (isRatedBus(bus)) busChecks(bus, buses.at(bus.id), batch);
    else unrated.buses++;
  }
  for (const line of doc.lines) {
    if (!line.in_service) continue;
    if (!isRatedLine(line)) {
      unrated.lines++;
      continue;
    }
    const current = larger(choice.device(line.id, line.from_bus), choice.device(line.id, line.to_bus));
    lineChecks(line, current, batch);
  }
  for (const t of doc.transformers) {
    if (!t.in_service) continue;
    if (isRatedTransformer(t)) transformerChecks(t, choice.transformer(t.id, t.lv_bus), batch);
    else unrated.transformers++;
  }
  return unrated;
}

function unratedWarning({ buses, lines, transformers }: Unrated): NetworkIssue[] {
  if (buses + lines + transformers === 0) return [];
  return [
    {
      path: ["duty"],
      message: `not checked for lack of a type or rating: ${buses} bus(es), ${lines} line(s), ${transformers} transformer(s)`,
    },
  ];
}
