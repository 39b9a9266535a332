// Synthetic grid-like 110 kV networks of any size: the scaling benchmarks' networks, and the one
// a worker warms its engine on (browser-safe: no Node imports, so the browser bundle builds them
// itself instead of receiving 100 MB of JSON).

import { type NetworkDocument, networkDocumentSchema } from "@ampflux/contracts";
import { gridLikeBranches, prng } from "./testing/synthetic-grid.ts";

/**
 * An n-bus 110 kV overhead-line grid (typical 110 kV line data: 0.06 + j0.4 Ω/km, 10 nF/km,
 * zero sequence three times the positive) fed by one 10 GVA grid and a 150 MVA generator on
 * every 50th bus.
 */
export function syntheticNetwork(n: number, seed = 1): NetworkDocument {
  const random = prng(seed);
  const bus = (i: number) => `b${i}`;
  const lines = gridLikeBranches(n, random).map(([f, t], k) => ({
    id: `l${k}`,
    from_bus: bus(f),
    to_bus: bus(t),
    length_km: 1 + 19 * random(),
    r_ohm_per_km: 0.06,
    x_ohm_per_km: 0.4,
    c_nf_per_km: 10,
    r0_ohm_per_km: 0.18,
    x0_ohm_per_km: 1.2,
    c0_nf_per_km: 5,
    max_i_ka: 1,
  }));
  const generators = [];
  for (let i = 25; i < n; i += 50) {
    generators.push({
      id: `g${i}`,
      bus: bus(i),
      sn_mva: 150,
      vn_kv: 110,
      xdss_pu: 0.2,
      rdss_ohm: 1.6,
      cos_phi: 0.85,
    });
  }
  const document = networkDocumentSchema.parse({
    schema: "ampflux/network@1",
    name: `synthetic ${n}`,
    frequency_hz: 50,
    buses: Array.from({ length: n }, (_, i) => ({ id: bus(i), vn_kv: 110 })),
    external_grids: [
      {
        id: "grid",
        bus: bus(0),
        s_sc_max_mva: 10_000,
        s_sc_min_mva: 8_000,
        rx_max: 0.1,
        rx_min: 0.1,
        x0x_max: 1,
        r0x0_max: 0.1,
        x0x_min: 1,
        r0x0_min: 0.1,
      },
    ],
    lines,
    generators,
  });
  return document;
}
