// projects.list's query, built once per shape and prepared (the profile of projects.list under
// load showed drizzle rebuilding the SQL text on every request as a tenth of its CPU). A shape is
// what changes the SQL: admin or member, archived filter, with or without a search; the values
// (company, user, pattern, page) are placeholders. One round trip gives the page and the total
// (a window count over every matching row, taken before LIMIT/OFFSET).

import type { Database } from "@ampflux/db";
import { projectMembers, projects } from "@ampflux/db";
import { and, count, desc, eq, ilike, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import type { ProjectListCache } from "./project-list-cache.ts";

export type ArchivedFilter = "exclude" | "include" | "only";

interface Shape {
  admin: boolean;
  archived: ArchivedFilter;
  search: boolean;
}

const placeholder = (name: string) => sql.placeholder(name);

function shapeWhere({ admin, archived, search }: Shape): SQL | undefined {
  const conditions: SQL[] = [eq(projects.companyId, placeholder("companyId"))];
  if (!admin) conditions.push(isNotNull(projectMembers.userId));
  if (archived === "exclude") conditions.push(isNull(projects.archivedAt));
  if (archived === "only") conditions.push(isNotNull(projects.archivedAt));
  if (search) {
    const matches = or(
      ilike(projects.name, placeholder("pattern")),
      ilike(projects.description, placeholder("pattern")),
    );
    if (matches) conditions.push(matches);
  }
  return and(...conditions);
}

const membership = and(
  eq(projectMembers.projectId, projects.id),
  eq(projectMembers.userId, placeholder("userId")),
);

function prepareShape(db: Database, shape: Shape, name: string) {
  const where = shapeWhere(shape);
  return {
    page: db
      .select({
        project: projects,
        role: projectMembers.role,
        total: sql<number>`count(*) over ()`.mapWith(Number),
      })
      .from(projects)
      .leftJoin(projectMembers, membership)
      .where(where)
      .orderBy(desc(projects.updatedAt), desc(projects.id))
      .limit(placeholder("limit"))
      .offset(placeholder("offset"))
      .prepare(`${name}_page`),
    total: db
      .select({ n: count() })
      .from(projects)
      .leftJoin(projectMembers, membership)
      .where(where)
      .prepare(`${name}_total`),
  };
}

const prepared = new WeakMap<Database, Map<string, ReturnType<typeof prepareShape>>>();

function queriesFor(db: Database, shape: Shape) {
  let byShape = prepared.get(db);
  if (!byShape) {
    byShape = new Map();
    prepared.set(db, byShape);
  }
  const key = `projects_list_${shape.admin ? "admin" : "member"}_${shape.archived}_${shape.search ? "search" : "all"}`;
  let queries = byShape.get(key);
  if (!queries) {
    queries = prepareShape(db, shape, key);
    byShape.set(key, queries);
  }
  return queries;
}

/** Escapes LIKE wildcards so a search for "50%" finds that text, not everything. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export interface ProjectListInput {
  companyId: string;
  userId: string;
  admin: boolean;
  archived: ArchivedFilter;
  search?: string;
  limit: number;
  offset: number;
}

async function readPage(db: Database, input: ProjectListInput) {
  const queries = queriesFor(db, { admin: input.admin, archived: input.archived, search: !!input.search });
  const values = {
    companyId: input.companyId,
    userId: input.userId,
    pattern: input.search ? likePattern(input.search) : "",
    limit: input.limit,
    offset: input.offset,
  };
  const rows = await queries.page.execute(values);
  // A page past the end has no row to carry the total: only then is it counted on its own.
  let total = rows[0]?.total;
  if (total === undefined) total = input.offset > 0 ? ((await queries.total.execute(values))[0]?.n ?? 0) : 0;
  return {
    items: rows.map(({ project, role }) => Object.freeze({ ...project, role: role ?? "owner" })),
    total,
  };
}

export type ProjectListPage = Awaited<ReturnType<typeof readPage>>;

/**
 * A page of the caller's projects, newest first, with the number of all that match. With a
 * cache, a page without a search is served from it when this process has read it before and
 * nothing it shows has changed since (project-list-cache.ts); pages are frozen, as requests
 * share them.
 */
export async function listProjects(
  db: Database,
  input: ProjectListInput,
  cache?: ProjectListCache<ProjectListPage>,
): Promise<ProjectListPage> {
  if (!cache || input.search) return readPage(db, input);
  const key = {
    companyId: input.companyId,
    userId: input.userId,
    admin: input.admin,
    archived: input.archived,
    limit: input.limit,
    offset: input.offset,
  };
  const cached = cache.get(key);
  if (cached) return cached;
  const generation = cache.generation();
  const page = await readPage(db, input);
  Object.freeze(page.items);
  cache.set(key, Object.freeze(page), generation);
  return page;
}
