// A report model from real engine results: the sim-wasm IEC 60909 study with duty and IEEE 1584
// arc flash of the arc-flash plant (@ampflux/contracts/testing), with ratings added to two of its
// breakers so the duty section has a violation and a pass. The tests check that the numbers the
// engine computed come out in the documents; they do not recompute physics (sim-wasm's tests do).

import type { ShortCircuitResult, StudyReportModel } from "@ampflux/contracts";
import { arcFlashPlant } from "@ampflux/contracts/testing";
import { loadSimCore } from "@ampflux/sim-wasm";
import { buildReportModel, type ReportSources } from "../src/report/build-model.ts";

const core = await loadSimCore();

/** Q1 (4.16 kV incomer) rated 40 kA passes; Q3 (480 V) rated 10 kA is overdutied at swbd. */
export const ratedPlant = {
  ...arcFlashPlant,
  switches: arcFlashPlant.switches.map((s) =>
    s.id === "Q1"
      ? { ...s, kind: "circuit_breaker", breaking_ka: 40, making_ka: 104, short_time_ka: 40 }
      : s.id === "Q3"
        ? { ...s, kind: "circuit_breaker", breaking_ka: 10, making_ka: 21 }
        : s,
  ),
};

export const OPTIONS = { fault: "3ph", case: "max", duty: true, arc_flash: true } as const;

export function plantStudy(document: Record<string, unknown> = ratedPlant): ShortCircuitResult {
  return core.shortCircuit(document, OPTIONS);
}

export const ADA = { name: "Ada Lovelace", email: "ada@example.com" };
export const GRACE = { name: "Grace Hopper", email: "grace@example.com" };

export function plantSources(overrides: Partial<ReportSources> = {}): ReportSources {
  const result = plantStudy();
  return {
    project: "Plant A",
    document: ratedPlant,
    version: { number: 7, id: "7d0c5b1e-0000-4000-8000-000000000007" },
    study: {
      id: "sim-42",
      kind: "short_circuit",
      author: ADA,
      created_at: "2026-12-01T08:15:00.000Z",
      options: result.options,
      result,
    },
    content_hash: "sha256:3f2a9c1b7e",
    generated_at: "2026-12-02T09:30:00.000Z",
    include_branches: false,
    previous: {
      version_number: 5,
      version_id: "5d0c5b1e-0000-4000-8000-000000000005",
      reported_at: "2026-11-20T10:00:00.000Z",
      document: { ...arcFlashPlant, name: "Arc-flash plant (old)" },
    },
    approvals: [
      { role: "prepared", user: ADA, at: "2026-12-02T09:40:00.000Z" },
      { role: "checked", user: GRACE, at: "2026-12-02T10:05:00.000Z" },
    ],
    ...overrides,
  };
}

export const plantModel = (overrides: Partial<ReportSources> = {}): StudyReportModel =>
  buildReportModel(plantSources(overrides));
