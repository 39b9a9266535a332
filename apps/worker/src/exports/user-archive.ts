// One user's data as a zip (docs/accounts-lifecycle.md): profile.json, their audit rows, their
// API keys' metadata (never a key or its hash), their notifications, their assistant
// conversations with every message, and the projects they created or own (project-files.ts).

import {
  aiConversations,
  aiMessages,
  apiKeyPublicColumns,
  apiKeys,
  auditLogs,
  companies,
  type Database,
  notifications,
  projectMembers,
  projects,
  userPublicColumns,
  users,
} from "@ampflux/db";
import { and, asc, eq, inArray, or } from "drizzle-orm";
import { ExportInputError, type Progress } from "./company-archive.ts";
import { addProject, type Skipped } from "./project-files.ts";
import { ZipWriter } from "./zip-writer.ts";

async function conversationsOf(db: Database, userId: string) {
  const threads = await db
    .select()
    .from(aiConversations)
    .where(eq(aiConversations.createdBy, userId))
    .orderBy(asc(aiConversations.createdAt));
  if (threads.length === 0) return [];
  const messages = await db
    .select()
    .from(aiMessages)
    .where(
      inArray(
        aiMessages.conversationId,
        threads.map((t) => t.id),
      ),
    )
    .orderBy(asc(aiMessages.id));
  return threads.map((thread) => ({
    ...thread,
    messages: messages.filter((m) => m.conversationId === thread.id),
  }));
}

export async function buildUserArchive(db: Database, userId: string, progress: Progress) {
  const [profile] = await db
    .select({ ...userPublicColumns, company: companies.name })
    .from(users)
    .innerJoin(companies, eq(companies.id, users.companyId))
    .where(eq(users.id, userId));
  if (!profile) throw new ExportInputError("the account no longer exists");
  const zip = new ZipWriter();
  const skipped: Skipped[] = [];
  await progress(0.1, "profile, audit rows, API keys and conversations");
  await zip.addJson("profile.json", profile);
  await zip.addJson(
    "audit-log.json",
    await db.select().from(auditLogs).where(eq(auditLogs.userId, userId)).orderBy(asc(auditLogs.id)),
  );
  await zip.addJson(
    "api-keys.json",
    await db
      .select(apiKeyPublicColumns)
      .from(apiKeys)
      .where(eq(apiKeys.userId, userId))
      .orderBy(asc(apiKeys.createdAt)),
  );
  await zip.addJson(
    "notifications.json",
    await db
      .select()
      .from(notifications)
      .where(eq(notifications.userId, userId))
      .orderBy(asc(notifications.id)),
  );
  await zip.addJson("assistant-conversations.json", await conversationsOf(db, userId));
  const owned = db
    .select({ id: projectMembers.projectId })
    .from(projectMembers)
    .where(and(eq(projectMembers.userId, userId), eq(projectMembers.role, "owner")));
  const list = await db
    .select()
    .from(projects)
    .where(or(eq(projects.createdBy, userId), inArray(projects.id, owned)))
    .orderBy(asc(projects.createdAt));
  const written = [];
  for (const [index, project] of list.entries()) {
    await progress(
      0.2 + (0.7 * index) / list.length,
      `project ${index + 1} of ${list.length}: ${project.name}`,
    );
    written.push(await addProject(db, zip, project, skipped));
  }
  await zip.addJson("manifest.json", {
    kind: "user",
    generatedAt: new Date().toISOString(),
    user: { id: profile.id, email: profile.email },
    projects: written,
    skipped,
    files: zip.files,
  });
  return zip.finish();
}
