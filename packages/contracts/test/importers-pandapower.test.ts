import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { exportPandapower, importPandapower, PandapowerParseError } from "../src/importers/index.ts";
import { busesWithoutSource, type EquipmentType, TypeLibrary, validateNetwork } from "../src/index.ts";
import { pandapowerWithColumn as withColumn } from "../src/testing/index.ts";
import { caught } from "./caught.ts";

/** pandapower's IEC TR 60909-4 example network (pandapower test suite), written by `to_json`. */
const FIXTURE = readFileSync(new URL("fixtures/pandapower/IEC60909-4_example.json", import.meta.url), "utf8");

const parseError = (text: string) => caught(() => importPandapower(text), PandapowerParseError);

describe("importPandapower on the IEC 60909-4 example", () => {
  const { document, report } = importPandapower(FIXTURE);

  it("imports every table into a valid, fed document", () => {
    const result = validateNetwork(document);
    expect(result.errors).toEqual([]);
    expect(busesWithoutSource(document)).toEqual([]);
    expect(document).toMatchObject({ name: "Summary Grid", frequency_hz: 50 });
    // Row counts of the bus, ext_grid, line, trafo and switch frames in the file.
    expect(document.buses).toHaveLength(6);
    expect(document.external_grids).toHaveLength(1);
    expect(document.lines).toHaveLength(4);
    expect(document.transformers).toHaveLength(2);
    expect(document.switches).toHaveLength(12);
  });

  it("keeps the short-circuit fields of the file", () => {
    // ext_grid row 0 of the file: S''k = 346.41 MVA (c·√3·20 kV·10 kA), R/X = 0.1, X0/X = 1.
    expect(document.external_grids[0]).toMatchObject({
      id: "ext_grid0",
      bus: "bus0",
      s_sc_max_mva: 346.41015625,
      rx_max: 0.1000000015,
      x0x_max: 1,
    });
    // line row 2 "Cable L1": two parallel 4x240 Cu cables with their zero-sequence data.
    expect(document.lines[2]).toMatchObject({
      name: "Cable L1",
      from_bus: "bus3",
      to_bus: "bus5",
      parallel: 2,
      r0_ohm_per_km: 0.2849000096,
      x0_ohm_per_km: 0.1429899931,
    });
    // trafo row 0 "T1": 630 kVA, 20/0.41 kV, uk = 4 %, vector group "YNyn" with a 150° shift.
    expect(document.transformers[0]).toMatchObject({
      name: "T1",
      sn_mva: 0.6299999952316,
      vn_lv_kv: 0.4099999964,
      vk_percent: 4,
      vk0_percent: 3.8136322498,
      mag0_percent: 100,
    });
  });

  it("reports what it dropped, defaulted and adjusted", () => {
    const dropped = report.dropped.map((d) => d.item);
    // The file's std_types are PowerFactory names, none of them a built-in (pandapower) type.
    expect(report.dropped).toContainEqual({
      item: "line.std_type",
      count: 4,
      why: 'no line type of that name in the type library: "4x70 Cu", "OVHL 50 Cu", "4x240 Cu", "3x150 Al"',
    });
    expect(report.dropped).toContainEqual(expect.objectContaining({ item: "trafo.std_type", count: 2 }));
    // Its twelve switches are all DS (disconnecting switches).
    expect(report.mapped).toContainEqual({
      from: "switch.type (CB/LBS/LS/DS)",
      to: "switches.kind",
      count: 12,
    });
    expect(document.switches.every((s) => s.kind === "disconnector")).toBe(true);
    // The file's result tables are empty, so only its std_types and sequence extras are dropped.
    expect(dropped).toEqual(expect.arrayContaining(["std_types", "trafo.mag0_rx / si0_hv_partial"]));
    expect(report.adjusted.map((a) => a.field)).toContain("transformers.tap_pos");
    expect(report.mapped).toContainEqual({ from: "switch", to: "switches", count: 12 });
  });

  it("exports to pandapower JSON that imports back equal", () => {
    expect(importPandapower(exportPandapower(document)).document).toEqual(document);
  });
});

describe("importPandapower on bad input", () => {
  it("points at the line and column of a JSON syntax error", () => {
    const error = parseError('{\n  "bus": {\n    "_class": "DataFrame",\n    oops\n');
    expect([error.line, error.column]).toEqual([4, 5]);
  });

  it("names the table, row and column of a bad value", () => {
    const bad = FIXTURE.replace('\\"Cable L3\\",1,0.8130000234', '\\"Cable L3\\",\\"x\\",0.8130000234');
    const error = parseError(bad);
    expect(error.field).toBe("line[0].parallel");
    expect(error.line).toBeGreaterThan(100);
  });

  it("turns a validation error into a parse error at the element", () => {
    const error = parseError(FIXTURE.replace("0.0199999996,1.0,1.0", "-0.0199999996,1.0,1.0"));
    expect(error.message).toMatch(/line line0 'Cable L3': Length \(km\): must be > /);
    expect(error.field).toBe("length_km");
  });

  it("rejects JSON that is not a network", () => {
    expect(parseError("[1, 2]").message).toMatch(/JSON object/);
    expect(parseError("{}").message).toMatch(/no bus table/);
  });
});

describe("importPandapower: switch types and ratings", () => {
  // Switch rows in file order have labels 0, 1, 10, 11, 2, …, 9 (the frame's index).
  const types = ["CB", "LBS", "LS", "DS", "fuse", " cb ", null, "", "DS", "DS", "DS", "DS"];
  const inKa = [0.63, 1.25, null, null, null, null, null, null, null, null, 150, -1];
  const text = withColumn(withColumn(FIXTURE, "switch", "type", types), "switch", "in_ka", inKa);
  const { document, report } = importPandapower(text);
  const byId = (id: string) => document.switches.find((s) => s.id === id);

  it("maps CB, LBS, LS and DS to switch kinds (pandapower's switch types)", () => {
    expect(byId("switch0")?.kind).toBe("circuit_breaker");
    expect(byId("switch1")?.kind).toBe("switch_disconnector");
    // LS, a load switch: makes and carries fault current, does not break it.
    expect(byId("switch10")?.kind).toBe("switch_disconnector");
    expect(byId("switch11")?.kind).toBe("disconnector");
    expect(byId("switch2")?.kind).toBeUndefined();
    expect(byId("switch3")?.kind).toBe("circuit_breaker");
    expect(byId("switch4")).not.toHaveProperty("kind");
    expect(report.mapped).toContainEqual({
      from: "switch.type (CB/LBS/LS/DS)",
      to: "switches.kind",
      count: 9,
    });
    expect(report.dropped).toContainEqual({
      item: "switch.type",
      count: 1,
      why: 'not CB, LBS, LS or DS: "fuse"',
    });
  });

  it("keeps in_ka as the rated normal current, never as a breaking rating", () => {
    expect(byId("switch0")).toMatchObject({ rated_current_ka: 0.63 });
    expect(byId("switch1")).toMatchObject({ rated_current_ka: 1.25 });
    expect(byId("switch0")).not.toHaveProperty("breaking_ka");
    expect(byId("switch9")).not.toHaveProperty("rated_current_ka");
    expect(report.mapped).toContainEqual({
      from: "switch.in_ka",
      to: "switches.rated_current_ka (rated normal current)",
      count: 2,
    });
    // The document's range for a rated current (network/ratings.ts) decides: 0 < In ≤ 100 kA.
    expect(report.adjusted).toContainEqual({
      field: "switches.rated_current_ka",
      count: 1,
      ids: ["switch9"],
      why: "in_ka refused (must be > 0): left unset",
    });
    expect(report.adjusted).toContainEqual({
      field: "switches.rated_current_ka",
      count: 1,
      ids: ["switch8"],
      why: "in_ka refused (must be ≤ 100): left unset",
    });
    expect(byId("switch8")).not.toHaveProperty("rated_current_ka");
    expect(validateNetwork(document).errors).toEqual([]);
  });
});

describe("importPandapower: std_type → type", () => {
  const lineTypes = ["NAYY 4x50 SE", "nayy  4x120 se", "4x240 Cu", "3x150 Al"];
  const trafoTypes = ["0.63 MVA 20/0.4 kV", "20/0.4 kV 400 kVA"];
  const text = withColumn(
    withColumn(FIXTURE, "line", "std_type", lineTypes),
    "trafo",
    "std_type",
    trafoTypes,
  );
  const { document, report } = importPandapower(text);

  it("references a built-in type where one has the std_type's name (case and spaces aside)", () => {
    expect(document.lines.map((l) => l.type)).toEqual([
      "NAYY 4x50 SE",
      "NAYY 4x120 SE",
      undefined,
      undefined,
    ]);
    expect(document.transformers.map((t) => t.type)).toEqual(["0.63 MVA 20/0.4 kV", undefined]);
    expect(report.mapped).toContainEqual({ from: "line.std_type", to: "lines.type", count: 2 });
    expect(report.mapped).toContainEqual({ from: "trafo.std_type", to: "transformers.type", count: 1 });
    expect(report.dropped).toContainEqual({
      item: "line.std_type",
      count: 2,
      why: 'no line type of that name in the type library: "4x240 Cu", "3x150 Al"',
    });
    expect(report.dropped).toContainEqual({
      item: "trafo.std_type",
      count: 1,
      why: 'no transformer type of that name in the type library: "20/0.4 kV 400 kVA"',
    });
  });

  it("keeps the row's values; the type fills only what pandapower's table lacks", () => {
    const resolved = validateNetwork(document);
    expect(resolved.errors).toEqual([]);
    // line row 0: the file's r = 0.271 ohm/km stays (the type's is 0.642); the conductor data are the type's.
    expect(resolved.document?.lines[0]).toMatchObject({
      r_ohm_per_km: 0.2709999979,
      conductor: "al",
      insulation: "pvc",
      cross_section_mm2: 50,
    });
    // T1 keeps its own vector group (YNyn with the file's 150° shift: YNyn4; the type's is Dyn5) and sn_mva.
    expect(resolved.document?.transformers[0]).toMatchObject({
      vector_group: "YNyn4",
      sn_mva: 0.6299999952316,
    });
    expect(importPandapower(FIXTURE).document.transformers[0]?.vector_group).toBe("YNyn4");
  });

  it("matches a company's types by name when its library is given", () => {
    const company: EquipmentType = {
      id: "0b6e7d4c-8a59-4c1e-9d7a-3f2f1d0e5a11",
      kind: "line",
      name: "4x240 Cu",
      source: "cable datasheet",
      builtin: false,
      values: { conductor: "cu", insulation: "xlpe", cross_section_mm2: 240 },
    };
    const library = new TypeLibrary([company]);
    const imported = importPandapower(text, {}, library).document;
    expect(imported.lines.map((l) => l.type)).toEqual([
      "NAYY 4x50 SE",
      "NAYY 4x120 SE",
      company.id,
      undefined,
    ]);
    expect(validateNetwork(imported, library).document?.lines[2]).toMatchObject({ cross_section_mm2: 240 });
    // Without the company's library its id is unknown (an error where references must resolve):
    // the importer matched in the library it was given.
    expect(validateNetwork(imported, undefined, { unknownTypes: "error" }).errors).toEqual([
      { path: ["lines", 2, "type"], message: `unknown line type "${company.id}"` },
    ]);
  });
});
