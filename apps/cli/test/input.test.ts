import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { validateNetwork } from "@ampflux/contracts";
import { ValidatedNetwork } from "@ampflux/sim-wasm";
import { afterAll, describe, expect, it } from "vitest";
import type { Io } from "../src/io.ts";
import { engineInput, loadInput } from "../src/study/input.ts";

// A one-shot study validates its network once: the importer's validation is handed to the engine.
const root = fileURLToPath(new URL("../../..", import.meta.url));
const case9 = path.join(root, "../shared/data/matpower/case9.m");
const dir = mkdtempSync(path.join(os.tmpdir(), "ampflux-input-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const io: Io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {} };

describe("engineInput", () => {
  it("wraps an imported file's validation: the same document validateNetwork gives, no second pass", async () => {
    const input = await loadInput(io, case9);
    const network = engineInput(input);
    expect(ValidatedNetwork.is(network)).toBe(true);
    const again = validateNetwork(input.document);
    expect((network as ValidatedNetwork).document).toEqual(again.document);
    expect((network as ValidatedNetwork).warnings).toEqual(again.warnings);
  });

  it("hands an AmpFlux JSON document over as it is, for the engine to validate and name what is wrong", async () => {
    const file = path.join(dir, "bad.json");
    const document = { schema: "ampflux/network@1", name: "x", buses: [{ id: "b1", vn_kv: -1 }] };
    writeFileSync(file, JSON.stringify(document));
    const input = await loadInput(io, file);
    expect(input.validation).toBeUndefined();
    expect(engineInput(input)).toEqual(document);
  });
});
