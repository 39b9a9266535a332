import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { importMatpower } from "@ampflux/contracts/importers";
import { loadSimCore } from "@ampflux/sim-wasm";
import { describe, expect, it } from "vitest";
import { prettyJsonPieces } from "../src/pretty-json.ts";

// `--format json` is written in pieces; the text must be JSON.stringify(value, null, 2) + "\n"
// byte for byte, whatever the value holds.
const whole = (value: object) => `${JSON.stringify(value, null, 2)}\n`;
const joined = (value: object) => [...prettyJsonPieces(value)].join("");

describe("prettyJsonPieces", () => {
  it("writes what JSON.stringify writes for the members it leaves out, nulls, empties and odd keys", () => {
    const value = {
      omitted: undefined,
      fn: () => 1,
      sym: Symbol("s"),
      empty: [],
      emptyObject: {},
      nested: [[], [1, [2, { a: [] }]], { b: [undefined, () => 0, Symbol("t"), null] }],
      numbers: [0, -0, 1.5e-300, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53],
      strings: ['a "quoted"\nline', "tab\t", "\u2028", "é"],
      'key "with" quotes\n': [true, false],
      date: new Date(Date.UTC(2026, 11, 4)),
      withToJson: { toJSON: () => ({ list: [1, 2] }) },
      onlyOmitted: { a: undefined },
      deep: { level: { list: [{ x: [1] }, "y"] } },
    };
    expect(joined(value)).toBe(whole(value));
  });

  it("writes a whole study's result as JSON.stringify does, in pieces of about 64 kB", async () => {
    // case300 from MATPOWER's shared cases: all buses, with the warnings' paths (nested arrays).
    const root = fileURLToPath(new URL("../../..", import.meta.url));
    const text = readFileSync(path.join(root, "../shared/data/matpower/case300.m"), "utf8");
    const core = await loadSimCore();
    const result = core.shortCircuit(importMatpower(text).document, { fault: "1ph" });
    const pieces = [...prettyJsonPieces(result)];
    expect(result.warnings.length).toBeGreaterThan(0);
    expect(pieces.join("")).toBe(whole(result));
    expect(pieces.length).toBeGreaterThan(2);
    // Every piece but the last is at least the piece size and not far beyond it.
    for (const piece of pieces.slice(0, -1)) {
      expect(piece.length).toBeGreaterThanOrEqual(1 << 16);
      expect(piece.length).toBeLessThan(1 << 17);
    }
  });
});
