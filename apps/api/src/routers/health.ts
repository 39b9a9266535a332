import { detailedHealth } from "../health.ts";
import { publicProcedure, router } from "../trpc/init.ts";

export const healthRouter = router({
  /** The same report as GET /health/detailed, for the web app. */
  detailed: publicProcedure.query(({ ctx }) => detailedHealth(ctx.deps)),
});
