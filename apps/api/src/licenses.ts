import { type Executor, licenses } from "@ampflux/db";
import { TRPCError } from "@trpc/server";
import { and, desc, eq, gt, isNull, lte, or } from "drizzle-orm";

export type License = typeof licenses.$inferSelect;

/** The company's license in force now; a company without one cannot use the product. */
export async function activeLicense(db: Executor, companyId: string): Promise<License> {
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
  if (!license) {
    throw new TRPCError({ code: "FORBIDDEN", message: "your company has no active license" });
  }
  return license;
}
