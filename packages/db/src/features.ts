// Feature flags in force for a company: used by the api (to refuse and to tell the web what to
// hide) and by the worker (whether to email).

import { FEATURE_FLAGS, type FeatureDefaults, type FeatureFlag, type FeatureState } from "@ampflux/contracts";
import { and, desc, eq, gt, isNull, lte, or } from "drizzle-orm";
import type { Executor } from "./client.ts";
import { companyFeatureFlags, licenses } from "./schema/index.ts";

export type License = typeof licenses.$inferSelect;

/** The company's license in force now, if any. */
export async function findActiveLicense(db: Executor, companyId: string): Promise<License | undefined> {
  const now = new Date();
  const [license] = await db
    .select()
    .from(licenses)
    .where(
      and(
        eq(licenses.companyId, companyId),
        eq(licenses.status, "active"),
        lte(licenses.startsAt, now),
        or(isNull(licenses.endsAt), gt(licenses.endsAt, now)),
      ),
    )
    .orderBy(desc(licenses.startsAt))
    .limit(1);
  return license;
}

/** What a licence allows: batch studies and the assistant are paid for; email is always allowed. */
function licensed(flag: FeatureFlag, license: License | undefined): boolean {
  if (flag === "batch_studies") return license?.batchStudies ?? false;
  if (flag === "ai_assistant") return (license?.aiTokensPerMonth ?? 0) > 0;
  return true;
}

export async function companyFeatures(
  db: Executor,
  companyId: string,
  defaults: FeatureDefaults,
): Promise<FeatureState[]> {
  const [license, overrides] = await Promise.all([
    findActiveLicense(db, companyId),
    db.select().from(companyFeatureFlags).where(eq(companyFeatureFlags.companyId, companyId)),
  ]);
  const chosen = new Map(overrides.map((o) => [o.flag, o.enabled]));
  return FEATURE_FLAGS.map((flag) => {
    const override = chosen.get(flag) ?? null;
    const isLicensed = licensed(flag, license);
    return {
      flag,
      enabled: isLicensed && (override ?? defaults[flag]),
      default: defaults[flag],
      licensed: isLicensed,
      override,
    };
  });
}

export async function featureEnabled(
  db: Executor,
  companyId: string,
  defaults: FeatureDefaults,
  flag: FeatureFlag,
): Promise<boolean> {
  const states = await companyFeatures(db, companyId, defaults);
  return states.find((s) => s.flag === flag)?.enabled ?? false;
}
