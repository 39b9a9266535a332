import { type Executor, findActiveLicense, type License } from "@ampflux/db";
import { TRPCError } from "@trpc/server";

export type { License };

/** The company's license in force now; a company without one cannot use the product. */
export async function activeLicense(db: Executor, companyId: string): Promise<License> {
  const license = await findActiveLicense(db, companyId);
  if (!license) {
    throw new TRPCError({ code: "FORBIDDEN", message: "your company has no active license" });
  }
  return license;
}
