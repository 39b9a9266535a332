// The package's three entries: the core (browser and Node) imports nothing from Node, the Node
// entry reads the fonts, the bundler entry points at font files that exist.

import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LABEL_FONT_PACKAGE_FILES } from "../src/fonts.ts";
import { loadLabelFont } from "../src/node.ts";

const src = fileURLToPath(new URL("../src/", import.meta.url));
const sources = readdirSync(src, { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));

describe("entries", () => {
  it("keeps node: imports out of every module but node.ts (the web bundles the rest)", () => {
    const withNode = sources.filter((f) => /from "node:/.test(readFileSync(`${src}${f}`, "utf8")));
    expect(withNode).toEqual(["node.ts"]);
  });

  it("loads DejaVu Sans and DejaVu Sans Bold as TrueType (sfnt version 0x00010000)", async () => {
    const { font, boldFont } = await loadLabelFont();
    for (const bytes of [font, boldFont]) expect([...bytes.subarray(0, 4)]).toEqual([0, 1, 0, 0]);
    expect(font.length).not.toBe(boldFont.length);
  });

  it("gives bundlers the URLs of the same font files", () => {
    const imports = [...readFileSync(`${src}font-url.ts`, "utf8").matchAll(/from "([^"]+)\?url"/g)].map(
      (m) => m[1],
    );
    expect(imports.sort()).toEqual(Object.values(LABEL_FONT_PACKAGE_FILES).sort());
    for (const specifier of imports) expect(() => import.meta.resolve(specifier ?? "")).not.toThrow();
  });
});
