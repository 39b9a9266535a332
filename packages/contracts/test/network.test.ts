import { describe, expect, it } from "vitest";
import {
  busesWithoutSource,
  type NetworkDocumentInput,
  networkDocumentSchema,
  validateNetwork,
} from "../src/index.ts";
import { mvFeeder } from "../src/testing/index.ts";

/**
 * The shared 110/20 kV feeder with a Dyn5 transformer, a bus position, a cable rating and a load
 * at the line's end: a fresh copy each time, which tests may change.
 */
function smallNetwork(): NetworkDocumentInput {
  const feeder = structuredClone(mvFeeder);
  return {
    ...feeder,
    buses: feeder.buses.map((bus) => (bus.id === "mv" ? { ...bus, geo: { x: 1, y: 2 } } : bus)),
    transformers: feeder.transformers.map((t) => ({ ...t, vector_group: "Dyn5", shift_degree: 150 })),
    lines: feeder.lines.map((line) => ({ ...line, max_i_ka: 0.4 })),
    loads: [{ id: "l1", bus: "end", p_mw: 5, q_mvar: 1 }],
  };
}

function errorPaths(input: unknown): string[] {
  return validateNetwork(input).errors.map((e) => e.path.join("."));
}

describe("networkDocumentSchema", () => {
  it("accepts a small network and fills defaults", () => {
    const doc = networkDocumentSchema.parse(smallNetwork());
    expect(doc.buses[0]?.in_service).toBe(true);
    expect(doc.lines[0]).toMatchObject({ parallel: 1, endtemp_degree: 80, in_service: true });
    expect(doc.transformers[0]).toMatchObject({ parallel: 1, power_station_unit: false });
    expect(doc.switches).toEqual([]);
    expect(doc.motors).toEqual([]);
  });

  it("rejects unknown fields so typos cannot vanish", () => {
    const input = smallNetwork();
    Object.assign(input.lines?.[0] ?? {}, { lenght_km: 3 });
    expect(errorPaths(input)).toEqual(["lines.0"]);
  });

  it.each([
    [
      "negative length",
      (n: NetworkDocumentInput) => Object.assign(n.lines?.[0] ?? {}, { length_km: -1 }),
      "lines.0.length_km",
    ],
    [
      "vkr not below vk",
      (n: NetworkDocumentInput) => Object.assign(n.transformers?.[0] ?? {}, { vkr_percent: 12 }),
      "transformers.0.vkr_percent",
    ],
    [
      "bad vector group",
      (n: NetworkDocumentInput) => Object.assign(n.transformers?.[0] ?? {}, { vector_group: "Dx5" }),
      "transformers.0.vector_group",
    ],
    [
      "impossible clock number",
      (n: NetworkDocumentInput) => Object.assign(n.transformers?.[0] ?? {}, { vector_group: "Dyn4" }),
      "transformers.0.vector_group",
    ],
    [
      "tap without step",
      (n: NetworkDocumentInput) => Object.assign(n.transformers?.[0] ?? {}, { tap_pos: 2 }),
      "transformers.0.tap_neutral",
    ],
    [
      "zero rating",
      (n: NetworkDocumentInput) => Object.assign(n.external_grids?.[0] ?? {}, { s_sc_max_mva: 0 }),
      "external_grids.0.s_sc_max_mva",
    ],
    ["frequency", (n: NetworkDocumentInput) => Object.assign(n, { frequency_hz: 55 }), "frequency_hz"],
  ])("rejects %s with its JSON path", (_, mutate, path) => {
    const input = smallNetwork();
    mutate(input);
    expect(errorPaths(input)).toContain(path);
  });

  it("accepts three-winding vector groups with consistent clock numbers", () => {
    const trafo3w = {
      id: "t3",
      hv_bus: "hv",
      mv_bus: "mv",
      lv_bus: "end",
      ...{ sn_hv_mva: 40, sn_mv_mva: 40, sn_lv_mva: 10, vn_hv_kv: 110, vn_mv_kv: 20, vn_lv_kv: 20 },
      ...{ vk_hv_percent: 12, vk_mv_percent: 8, vk_lv_percent: 10 },
      ...{ vkr_hv_percent: 0.3, vkr_mv_percent: 0.3, vkr_lv_percent: 0.3 },
    };
    const ok = { ...smallNetwork(), transformers3w: [{ ...trafo3w, vector_group: "YNyn0d5" }] };
    expect(validateNetwork(ok).errors).toEqual([]);
    const bad = { ...smallNetwork(), transformers3w: [{ ...trafo3w, vector_group: "YNyn1d5" }] };
    expect(errorPaths(bad)).toEqual(["transformers3w.0.vector_group"]);
  });
});

describe("validateNetwork", () => {
  it("passes the small network without findings", () => {
    const result = validateNetwork(smallNetwork());
    expect(result).toMatchObject({ ok: true, errors: [], warnings: [] });
    expect(result.document?.lines[0]?.parallel).toBe(1);
  });

  it("names unknown buses and duplicate ids by path", () => {
    const input = smallNetwork();
    Object.assign(input.lines?.[0] ?? {}, { to_bus: "nowhere" });
    input.loads?.push({ id: "mv", bus: "end", p_mw: 1, q_mvar: 0 });
    const result = validateNetwork(input);
    expect(result.ok).toBe(false);
    expect(result.errors).toEqual([
      { path: ["loads", 1, "id"], message: 'duplicate id "mv" (first used by buses[1])' },
      { path: ["lines", 0, "to_bus"], message: 'unknown bus "nowhere"' },
    ]);
  });

  it("checks switch targets by element type", () => {
    const input = smallNetwork();
    input.switches = [
      { id: "s1", bus: "hv", element: "L", element_type: "line" },
      { id: "s2", bus: "mv", element: "L", element_type: "transformer" },
      { id: "s3", bus: "mv", element: "ghost", element_type: "bus" },
    ];
    expect(errorPaths(input)).toEqual(["switches.0.bus", "switches.1.element", "switches.2.element"]);
  });

  it("requires power_station_trafo to name a transformer", () => {
    const input = smallNetwork();
    const gen = { bus: "mv", sn_mva: 30, vn_kv: 20, xdss_pu: 0.18, rdss_ohm: 0.1, cos_phi: 0.8 };
    input.generators = [
      { id: "g1", ...gen, power_station_trafo: "T" },
      { id: "g2", ...gen, power_station_trafo: "L" },
    ];
    expect(errorPaths(input)).toEqual(["generators.1.power_station_trafo"]);
  });

  it("warns when rated voltages do not fit the buses", () => {
    const input = smallNetwork();
    Object.assign(input.transformers?.[0] ?? {}, { vn_lv_kv: 10 });
    const result = validateNetwork(input);
    expect(result.ok).toBe(true);
    expect(result.warnings.map((w) => w.path)).toEqual([["transformers", 0, "vn_lv_kv"]]);
  });
});

describe("busesWithoutSource", () => {
  const fed = () => networkDocumentSchema.parse(smallNetwork());

  it("finds nothing when every bus is fed", () => {
    expect(busesWithoutSource(fed())).toEqual([]);
  });

  it("finds an island behind an open switch", () => {
    const doc = fed();
    doc.switches.push({ id: "s1", bus: "end", element: "L", element_type: "line", closed: false });
    expect(busesWithoutSource(doc)).toEqual(["end"]);
  });

  it("joins buses through closed bus-bus switches and ignores out-of-service branches", () => {
    const doc = fed();
    doc.buses.push({ id: "spare", vn_kv: 20, in_service: true });
    doc.switches.push({ id: "coupler", bus: "end", element: "spare", element_type: "bus", closed: true });
    expect(busesWithoutSource(doc)).toEqual([]);
    for (const trafo of doc.transformers) trafo.in_service = false;
    expect(busesWithoutSource(doc)).toEqual(["mv", "end", "spare"]);
  });

  it("does not count motors as feeding an island", () => {
    const doc = fed();
    for (const line of doc.lines) line.in_service = false;
    doc.motors.push({
      id: "m1",
      bus: "end",
      ...{
        pn_mech_mw: 1,
        vn_kv: 20,
        cos_phi_n: 0.88,
        efficiency_n_percent: 96,
        lrc_pu: 6,
        rx: 0.1,
        pole_pairs: 2,
      },
      in_service: true,
    });
    expect(busesWithoutSource(doc)).toEqual(["end"]);
  });
});
