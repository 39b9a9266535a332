// The arc-flash results a label is made from: a study result's `arc_flash` (the --format json of
// `ampflux study --arc-flash`, `ampflux results export --format json`, or a stored simulation
// object holding it in `result`), each entry checked for what a label reads, naming the field.

import { readFile } from "node:fs/promises";
import {
  ARC_FLASH_CASES,
  ARC_FLASH_STATUSES,
  type ArcFlashResult,
  ELECTRODE_CONFIGS,
} from "@ampflux/contracts";
import { z } from "zod";
import { inputError } from "../errors.ts";
import { type Io, userPath } from "../io.ts";
import { jsonPath } from "../study/json-path.ts";

const number = z.number().refine(Number.isFinite, "expected a finite number");
const positive = z.number().positive().refine(Number.isFinite, "expected a finite number");

/** The fields arcFlashLabel reads; the others pass through unchecked. */
const labelledResultSchema = z.looseObject({
  bus: z.string().min(1),
  voc_kv: positive,
  status: z.enum(ARC_FLASH_STATUSES),
  reason: z.string().nullable().optional(),
  equipment: z.string().min(1),
  config: z.enum(ELECTRODE_CONFIGS),
  gap_mm: positive.nullable(),
  time_ms: number.nullable(),
  time_min_ms: number.nullable(),
  governing: z.enum(ARC_FLASH_CASES).nullable(),
  energy_j_cm2: number.nullable(),
  energy_cal_cm2: number.nullable(),
  distance_mm: positive.nullable(),
  boundary_mm: number.nullable(),
  ppe: z.string().nullable(),
  hazard: z.enum(["warning", "danger"]).nullable(),
  devices: z.array(z.looseObject({ switch: z.string() })),
});

/** At most this many problems are listed; the rest are counted. */
const MAX_PROBLEMS = 10;

/** The arc_flash array of a result (or of a simulation's `result`), checked entry by entry. */
export function arcFlashResults(value: unknown, label: string): ArcFlashResult[] {
  const record = (v: unknown) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>) : {});
  const top = record(value);
  const [entries, prefix] =
    "arc_flash" in top ? [top.arc_flash, []] : [record(top.result).arc_flash, ["result"]];
  if (entries === undefined) {
    throw inputError(
      `${label}: the result has no arc_flash: run the study with arc flash on ` +
        "(ampflux study FILE --arc-flash --format json, or a stored study with arc flash)",
    );
  }
  const parsed = z.array(labelledResultSchema).safeParse(entries);
  if (parsed.success) return parsed.data as unknown as ArcFlashResult[];
  const problems = parsed.error.issues.map(
    ({ path, message }) =>
      `${label}: ${jsonPath([...prefix, "arc_flash", ...(path as (string | number)[])])}: ${message}`,
  );
  const more = problems.length - MAX_PROBLEMS;
  throw inputError(...problems.slice(0, MAX_PROBLEMS), ...(more > 0 ? [`${label}: … and ${more} more`] : []));
}

/** Reads and parses the result file. */
export async function readResultFile(io: Io, file: string): Promise<ArcFlashResult[]> {
  let text: string;
  try {
    text = await readFile(userPath(io, file), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw inputError(`${file}: no such file (looked at ${userPath(io, file)})`);
    throw inputError(`${file}: cannot read: ${(error as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw inputError(`${file}: not JSON: ${(error as Error).message}`);
  }
  return arcFlashResults(value, file);
}
