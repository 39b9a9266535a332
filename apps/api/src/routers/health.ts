import { basicHealth } from "../health.ts";
import { publicProcedure, router } from "../trpc/init.ts";

export const healthRouter = router({
  /**
   * The same as GET /health (status, version, uptime), for the landing page. The dependencies'
   * details are for operators only: GET /health/detailed with HEALTH_TOKEN or from this machine.
   */
  status: publicProcedure.query(({ ctx }) => basicHealth(ctx.deps)),
});
