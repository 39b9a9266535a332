// The assistant's context names series impedances and earthing transformers with their data,
// in the form the document gives (reactor, per unit, ohm), so it can reason about them.

import { networkDocumentSchema } from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { contextSections } from "../src/ai/context-sections.ts";

const document = networkDocumentSchema.parse({
  schema: "ampflux/network@1",
  name: "elements",
  frequency_hz: 50,
  buses: [
    { id: "a", vn_kv: 20 },
    { id: "b", vn_kv: 20 },
  ],
  impedances: [
    { id: "R1", from_bus: "a", to_bus: "b", ir_ka: 1, uk_percent: 6 },
    { id: "Z2", from_bus: "a", to_bus: "b", sn_mva: 10, rft_pu: 0.001, xft_pu: 0.02, in_service: false },
  ],
  earthing_transformers: [{ id: "ET", bus: "b", r0_ohm: 0.5, x0_ohm: 11.5, rn_ohm: 10 }],
});

describe("assistant context: network elements", () => {
  it("lists each series impedance and earthing transformer with its data", () => {
    const sections = contextSections(
      "P",
      { version: { id: "v", version: 1, latest: 1, document }, study: null },
      "",
    );
    const lines = sections.flatMap((s) => s.lines);
    expect(lines).toContainEqual("series impedance R1 a→b: reactor 1 kA, u_k 6 %");
    expect(lines).toContainEqual("series impedance Z2 a→b: 0.001 + j0.02 pu on 10 MVA (out of service)");
    expect(lines).toContainEqual(
      "earthing transformer ET at bus b: Z(0) 0.5 + j11.5 Ω per phase, Z_N 10 + j0 Ω",
    );
  });
});
