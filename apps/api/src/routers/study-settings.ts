import { type StudySettings, studySettingsSchema } from "@ampflux/contracts";
import { projects } from "@ampflux/db";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { recordAudit } from "../audit.ts";
import { router } from "../trpc/init.ts";
import { projectProcedure } from "../trpc/procedures.ts";
import { changingProjects } from "./project-list-cache.ts";

/**
 * The stored settings with today's defaults filled in. Settings a later version refuses (a limit
 * tightened) fall back to the defaults field by field, so the editor still opens.
 */
export function readStudySettings(stored: unknown): StudySettings {
  const value = stored && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  const parsed = studySettingsSchema.safeParse(value);
  if (parsed.success) return parsed.data;
  const refused = new Set(parsed.error.issues.map((issue) => String(issue.path[0])));
  return studySettingsSchema.parse(
    Object.fromEntries(Object.entries(value).filter(([k]) => !refused.has(k))),
  );
}

/** The project's study settings (docs/editor.md): members read them, editors change them. */
export const studySettingsRouter = router({
  get: projectProcedure("viewer").query(({ ctx }) => ({
    settings: readStudySettings(ctx.project.studySettings),
    saved: ctx.project.studySettings !== null,
  })),

  set: projectProcedure("editor")
    .input(z.object({ settings: studySettingsSchema }))
    .mutation(({ ctx, input }) =>
      // The settings are part of the project row, which projects.list shows.
      changingProjects(ctx.deps, ctx.project.companyId, async (tx) => {
        await tx
          .update(projects)
          .set({ studySettings: input.settings })
          .where(eq(projects.id, ctx.project.id));
        await recordAudit(tx, ctx, {
          action: "project.study_settings",
          projectId: ctx.project.id,
          targetType: "project",
          targetId: ctx.project.id,
          details: input.settings,
        });
        return { settings: input.settings, saved: true };
      }),
    ),
});
