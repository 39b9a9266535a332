import { router } from "../trpc/init.ts";
import { healthRouter } from "./health.ts";

/** The root router; each domain adds its own sub-router here. */
export const appRouter = router({
  health: healthRouter,
});

export type AppRouter = typeof appRouter;
