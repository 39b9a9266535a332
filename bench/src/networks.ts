// The networks every engine benchmark runs on: real MATPOWER cases (imported with the importer's
// documented short-circuit defaults) and synthetic grid-like networks (synthetic.ts).

import { readFile } from "node:fs/promises";
import { importMatpower } from "@ampflux/contracts/importers";
import type { BenchNetwork } from "./synthetic.ts";

export const MATPOWER_DIR = new URL("../../../shared/data/matpower/", import.meta.url);

export const MATPOWER_CASES = [
  "case9",
  "case118",
  "case300",
  "case1354pegase",
  "case2869pegase",
  "case9241pegase",
  "case_ACTIVSg10k",
  "case13659pegase",
];
export const SYNTHETIC_SIZES = [50_000, 200_000];

export async function matpowerNetwork(name: string): Promise<BenchNetwork> {
  const text = await readFile(new URL(`${name}.m`, MATPOWER_DIR), "utf8");
  return { name, document: importMatpower(text).document };
}
