import type { ProjectRole } from "@ampflux/contracts";
import type { projects } from "@ampflux/db";
import type { SessionUser } from "../auth/sessions.ts";
import type { Context } from "../trpc/context.ts";

/** The context of a project procedure (see projectProcedure): the assistant acts with it. */
export type ProjectCtx = Context & {
  user: SessionUser;
  project: typeof projects.$inferSelect;
  projectRole: ProjectRole;
};
