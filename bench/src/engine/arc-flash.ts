// Arc flash on a large network: an all-bus three-phase maximum-case study of case9241pegase
// without arc flash, with arc flash as imported (every bus is at 110–750 kV, outside IEEE
// 1584-2018's 0.208–15 kV: one range check per bus, no device search), and with arc flash on a
// synthetic variant that puts every bus in the model's range and relays on every line end, so
// that every bus is modelled and searched. Each variant runs in its own Node process
// (phase-variants.ts).
// Run alone: `node bench/src/engine/arc-flash.ts <variant> [network] [repeats]` prints one JSON row.

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

export const ARC_FLASH_VARIANTS = [
  "no arc flash",
  "arc flash, as imported",
  "no arc flash, 13.8 kV synthetic",
  "arc flash, 13.8 kV synthetic + relays on lines",
  "arc flash, 13.8 kV synthetic + relays on all branches",
] as const;
export type ArcFlashVariant = (typeof ARC_FLASH_VARIANTS)[number];

export interface ArcFlashRow extends PhaseTimes {
  network: string;
  buses: number;
  variant: ArcFlashVariant;
  /** Buses with a number, and buses whose clearing device was found by the search. */
  modelled: number;
  searched: number;
}

const SYNTHETIC_KV = 13.8;
/** The synthetic variant's fault level is 1/100 of the real one: 380 kV / 50 kA → 13.8 kV / 13.8 kA. */
const FAULT_LEVEL = 100;

/**
 * Synthetic, for the benchmark only: the same network in per unit at 1/100 of its fault level,
 * every bus at 13.8 kV. Lines keep their per-unit impedance × 100 (R, X in Ω scaled by
 * 100·(13.8/Un)²), transformers and generators keep their per-unit data on ratings / 100
 * (transformers at 13.8/13.8 kV on their neutral tap: off-nominal ratios are dropped), the
 * grid's S''k / 100. Every line end, or every line and transformer end, gets a relay (IEC
 * 60255-151 SI, Is 50 A, TMS 0.1, instantaneous above 2 kA; the median I''k is 1.9 kA). With
 * relays on lines only, an arc at a transformer's bus is cleared beyond the transformer: the
 * search walks past it, which takes a full Z column (docs/arc-flash.md).
 */
export function synthetic(
  doc: NetworkDocument,
  relays: "none" | "lines" | "all branches",
): NetworkDocumentInput {
  const kv = new Map(doc.buses.map((b) => [b.id, b.vn_kv]));
  const to = (bus: string) => SYNTHETIC_KV / (kv.get(bus) ?? SYNTHETIC_KV);
  return {
    ...doc,
    buses: doc.buses.map((b) => ({ ...b, vn_kv: SYNTHETIC_KV })),
    lines: doc.lines.map((l) => {
      const z = FAULT_LEVEL * to(l.from_bus) ** 2;
      return { ...l, r_ohm_per_km: l.r_ohm_per_km * z, x_ohm_per_km: l.x_ohm_per_km * z };
    }),
    transformers: doc.transformers.map((t) => ({
      ...t,
      sn_mva: t.sn_mva / FAULT_LEVEL,
      vn_hv_kv: SYNTHETIC_KV,
      vn_lv_kv: SYNTHETIC_KV,
      tap_pos: t.tap_neutral,
    })),
    generators: doc.generators.map((g) => ({
      ...g,
      sn_mva: g.sn_mva / FAULT_LEVEL,
      vn_kv: g.vn_kv * to(g.bus),
      ...(g.rdss_ohm !== undefined && { rdss_ohm: g.rdss_ohm * FAULT_LEVEL * to(g.bus) ** 2 }),
    })),
    external_grids: doc.external_grids.map((g) => ({
      ...g,
      s_sc_max_mva: g.s_sc_max_mva / FAULT_LEVEL,
      s_sc_min_mva: g.s_sc_min_mva / FAULT_LEVEL,
    })),
    switches:
      relays === "none"
        ? doc.switches
        : [
            ...doc.lines.map((l) => ({ id: l.id, ends: [l.from_bus, l.to_bus], type: "line" as const })),
            ...(relays === "all branches"
              ? doc.transformers.map((t) => ({
                  id: t.id,
                  ends: [t.hv_bus, t.lv_bus],
                  type: "transformer" as const,
                }))
              : []),
          ].flatMap((branch) =>
            branch.ends.map((bus, end) => ({
              id: `R ${branch.id} ${end}`,
              bus,
              element: branch.id,
              element_type: branch.type,
              opening_time_ms: 50,
              protection: {
                inverse: { curve: "IEC_SI" as const, pickup_ka: 0.05, tms: 0.1 },
                instantaneous: { pickup_ka: 2 },
              },
            })),
          ),
  };
}

export async function measureArcFlashVariant(
  variant: ArcFlashVariant,
  network: string,
  repeats: number,
): Promise<ArcFlashRow> {
  const { document } = await matpowerNetwork(network);
  const relays = variant.endsWith("relays on lines")
    ? "lines"
    : variant.endsWith("all branches")
      ? "all branches"
      : "none";
  const input = variant.includes("synthetic") ? synthetic(document, relays) : document;
  const options = { fault: "3ph" as const, case: "max" as const, arc_flash: variant.startsWith("arc flash") };
  const { times, cold } = await timePhase(input, options, repeats, "arc flash");
  const rows = cold.arc_flash ?? [];
  return {
    network,
    buses: document.buses.length,
    variant,
    modelled: rows.filter((r) => r.iarc_ka !== null).length,
    searched: rows.filter((r) => r.devices.some((d) => d.via === "found")).length,
    ...times,
  };
}

/** Every variant, each in a child process; each "no arc flash" row is the baseline of the next. */
export const benchArcFlash = (quick: boolean) =>
  measureInChildren<ArcFlashRow>(import.meta.url, ARC_FLASH_VARIANTS, quick);

/**
 * "added" compares whole studies with the row's baseline (the network without arc flash);
 * "lap / rest" is the study's own arc-flash phase against its other phases in the same process.
 */
export function arcFlashTable(rows: ArcFlashRow[]): string {
  const baseOf = (r: ArcFlashRow) =>
    rows.find(
      (b) =>
        b.variant === (r.variant.includes("synthetic") ? "no arc flash, 13.8 kV synthetic" : "no arc flash"),
    );
  return table(
    ["variant", "modelled", "searched", ...phaseColumns("lap")],
    rows.map((r) => [r.variant, r.modelled, r.searched, ...phaseCells(r, baseOf(r))]),
  );
}

await measureIfMain(import.meta.url, ARC_FLASH_VARIANTS, measureArcFlashVariant);
