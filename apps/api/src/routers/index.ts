import { router } from "../trpc/init.ts";
import { accountRouter } from "./account.ts";
import { aiRouter } from "./ai.ts";
import { apiKeysRouter } from "./api-keys.ts";
import { auditRouter } from "./audit.ts";
import { authRouter } from "./auth.ts";
import { circuitsRouter } from "./circuits.ts";
import { companyRouter } from "./company.ts";
import { companyAccountsRouter } from "./company-accounts.ts";
import { exportsRouter } from "./exports.ts";
import { featuresRouter } from "./features.ts";
import { healthRouter } from "./health.ts";
import { notificationsRouter } from "./notifications.ts";
import { projectsRouter } from "./projects.ts";
import { reportsRouter } from "./reports.ts";
import { simulationsRouter } from "./simulations.ts";
import { ssoRouter } from "./sso.ts";
import { twoFactorRouter } from "./two-factor.ts";
import { typesRouter } from "./types.ts";
import { usersRouter } from "./users.ts";

/** The root router; each domain adds its own sub-router here. */
export const appRouter = router({
  health: healthRouter,
  auth: authRouter,
  account: accountRouter,
  companyAccounts: companyAccountsRouter,
  apiKeys: apiKeysRouter,
  users: usersRouter,
  projects: projectsRouter,
  circuits: circuitsRouter,
  simulations: simulationsRouter,
  reports: reportsRouter,
  types: typesRouter,
  audit: auditRouter,
  ai: aiRouter,
  features: featuresRouter,
  notifications: notificationsRouter,
  twoFactor: twoFactorRouter,
  sso: ssoRouter,
  company: companyRouter,
  exports: exportsRouter,
});

export type AppRouter = typeof appRouter;
