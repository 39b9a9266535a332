// `--plan`, `--status`, `--max-projects`, `--max-buses`, `--batch-studies`, `--ai-tokens`,
// `--ends` of the operator commands → the licence columns they set, each checked with a message
// naming the flag.

import { licensePlan, licenseStatus } from "@ampflux/db/schema";
import type { Command } from "../args.ts";
import { usageError } from "../errors.ts";

export interface LicenceChange {
  plan?: (typeof licensePlan.enumValues)[number];
  status?: (typeof licenseStatus.enumValues)[number];
  maxProjects?: number;
  maxBusesPerStudy?: number;
  batchStudies?: boolean;
  /** 0 turns the assistant off (docs/operations.md, feature flags). */
  aiTokensPerMonth?: number;
  /** null: no end. */
  endsAt?: Date | null;
}

function count(flag: string, value: string | undefined, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (Number.isInteger(n) && n >= 0 && n <= 2_000_000_000) return n;
  problems.push(`--${flag}: "${value}" is not a whole number ≥ 0`);
  return undefined;
}

function oneOf<T extends string>(
  flag: string,
  value: string | undefined,
  allowed: readonly T[],
  problems: string[],
) {
  if (value === undefined || (allowed as readonly string[]).includes(value)) return value as T | undefined;
  problems.push(`--${flag}: "${value}" is not one of ${allowed.join(", ")}`);
  return undefined;
}

export function licenceChange(command: Command): LicenceChange {
  const f = command.flags;
  const problems: string[] = [];
  const change: LicenceChange = {
    plan: oneOf("plan", f.plan, licensePlan.enumValues, problems),
    status: oneOf("status", f.status, licenseStatus.enumValues, problems),
    maxProjects: count("max-projects", f["max-projects"], problems),
    maxBusesPerStudy: count("max-buses", f["max-buses"], problems),
    aiTokensPerMonth: count("ai-tokens", f["ai-tokens"], problems),
  };
  const batch = oneOf("batch-studies", f["batch-studies"], ["on", "off"] as const, problems);
  if (batch) change.batchStudies = batch === "on";
  if (f.ends !== undefined) {
    const ends = f.ends === "never" ? null : new Date(f.ends);
    if (ends && Number.isNaN(ends.getTime()))
      problems.push(`--ends: "${f.ends}" is not a date (YYYY-MM-DD) or never`);
    else change.endsAt = ends;
  }
  if (problems.length > 0) throw usageError(...problems);
  return Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined)) as LicenceChange;
}
