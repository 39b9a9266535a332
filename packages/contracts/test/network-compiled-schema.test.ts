// validateNetwork parses with zod's ahead-of-time compiled clone of the document schema
// (src/network/compiled-schema.ts). It must answer exactly as the ordinary parser does: the same
// document (defaults filled, keys in the same order) for every accepted network, and the same
// issues (paths and messages) for every refused one.

import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { importMatpower, importPandapower } from "../src/importers/index.ts";
import {
  COMPILED_SCHEMA_MIN_ELEMENTS,
  compiledNetworkDocumentSchema,
  documentSchemaFor,
  perElementParser,
} from "../src/network/compiled-schema.ts";
import { networkDocumentSchema } from "../src/network/index.ts";
import { lvFeeder, mvFeeder, ratedSwitchboard } from "../src/testing/index.ts";

const matpowerDir = new URL("../../../../shared/data/matpower/", import.meta.url);
const cases = readdirSync(matpowerDir)
  .filter((f) => f.endsWith(".m"))
  // The two largest take seconds each under load and add no construct the others lack.
  .filter((f) => !/13659|ACTIVSg10k/.test(f));
const pandapowerExample = readFileSync(
  new URL("fixtures/pandapower/IEC60909-4_example.json", import.meta.url),
  "utf8",
);

/** Both parsers' answers, as plain JSON (order of keys included). */
function both(input: unknown) {
  const runtime = networkDocumentSchema.safeParse(input);
  const compiled = compiledNetworkDocumentSchema().safeParse(input);
  const answer = (r: typeof runtime) =>
    JSON.stringify(
      r.success
        ? { data: r.data }
        : { issues: r.error.issues.map(({ path, message, code }) => ({ path, message, code })) },
    );
  return { runtime: answer(runtime), compiled: answer(compiled), success: runtime.success };
}

describe("the compiled document schema answers as the runtime parser", () => {
  it("is a compiled clone, not the schema itself", () => {
    expect(compiledNetworkDocumentSchema()).not.toBe(networkDocumentSchema);
  });

  it("is zod's compiled code per element kind (the whole-document fallback is not what runs)", () => {
    const { document } = importMatpower(readFileSync(new URL("case300.m", matpowerDir), "utf8"));
    expect(JSON.stringify(perElementParser()(document))).toBe(
      JSON.stringify(networkDocumentSchema.parse(document)),
    );
  });

  it("is used for large documents only (compiling costs more than it saves on a small one)", () => {
    const buses = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `b${i}`, vn_kv: 20 }));
    expect(documentSchemaFor({ buses: buses(COMPILED_SCHEMA_MIN_ELEMENTS - 1) })).toBe(networkDocumentSchema);
    expect(documentSchemaFor({ buses: buses(COMPILED_SCHEMA_MIN_ELEMENTS) })).toBe(
      compiledNetworkDocumentSchema(),
    );
    expect(documentSchemaFor(null)).toBe(networkDocumentSchema);
  });

  it.each(cases)("accepts %s with the same document", (file) => {
    const { document } = importMatpower(readFileSync(new URL(file, matpowerDir), "utf8"));
    const { runtime, compiled, success } = both(document);
    expect(success).toBe(true);
    expect(compiled).toBe(runtime);
  });

  it("accepts the IEC TR 60909-4 pandapower network and the hand-built test networks with the same document", () => {
    for (const document of [
      importPandapower(pandapowerExample).document,
      mvFeeder,
      lvFeeder,
      ratedSwitchboard,
    ]) {
      const { runtime, compiled, success } = both(document);
      expect(success).toBe(true);
      expect(compiled).toBe(runtime);
    }
  });

  it("refuses broken documents with the same issues", () => {
    const base = structuredClone(mvFeeder) as unknown as {
      buses: Record<string, unknown>[];
      lines: Record<string, unknown>[];
    };
    const bus = base.buses[0] ?? {};
    const line = base.lines[0] ?? {};
    const broken: unknown[] = [
      { ...base, buses: [{ ...bus, vn_kv: 1e308 }, ...base.buses.slice(1)] },
      { ...base, buses: [{ ...bus, vn_kv: Number.NaN }, ...base.buses.slice(1)] },
      { ...base, buses: [{ ...bus, extra: 1 }, ...base.buses.slice(1)] },
      { ...base, lines: [{ ...line, length_km: -1 }, ...base.lines.slice(1)] },
      { ...base, lines: [{ ...line, r_ohm_per_km: 0, x_ohm_per_km: 0 }, ...base.lines.slice(1)] },
      { ...base, lines: [{ ...line, to_bus: line.from_bus }, ...base.lines.slice(1)] },
      { ...base, buses: "none" },
      { ...base, extra: 1 },
      { ...base, lines: [...base.lines, { ...line, id: "late", x_ohm_per_km: "0.1" }] },
      { ...base, switches: [{}] },
      { ...base, name: 7 },
      null,
    ];
    for (const input of broken) {
      const { runtime, compiled, success } = both(input);
      expect(success).toBe(false);
      expect(compiled).toBe(runtime);
    }
  });
});
