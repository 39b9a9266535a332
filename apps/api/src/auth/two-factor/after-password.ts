import type { TwoFactorRequired } from "@ampflux/contracts";
import type { Database } from "@ampflux/db";
import { refuseIfSsoOnly } from "../oidc/providers.ts";
import { createLoginChallenge } from "./challenges.ts";

/**
 * What a right password leads to: refused when the company signs in by SSO only, a second-factor
 * challenge when the user has two-factor on, else null (the session may start).
 */
export async function nextStepAfterPassword(
  db: Database,
  user: { id: string; companyId: string; role: string; twoFactorEnabled: boolean },
): Promise<TwoFactorRequired | null> {
  await refuseIfSsoOnly(db, user);
  if (!user.twoFactorEnabled) return null;
  return { twoFactorRequired: true, challenge: await createLoginChallenge(db, user.id) };
}
