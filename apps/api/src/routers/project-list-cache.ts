// projects.list's pages, kept per process (the profile of projects.list under load showed its one
// Postgres round trip — postgres-js writing the query, reading and mapping the rows, the backend's
// CPU on the same cores — as the largest part of what it cost beyond auth.me).
//
// An entry is one caller's page: the key holds every value the query depends on (company, user,
// admin or not, archived filter, limit, offset), so a page is only ever served to the caller it
// was read for, exactly as the query would have returned it. Searches are not kept (one-off and
// many). Correctness rests on the database: migration 0018's triggers NOTIFY
// `project_list_invalidation` on every change to a project ('company:<id>') or to a membership
// ('user:<id>'), and every api process drops the matching entries when it arrives. Mutations made
// through this process drop their company's entries themselves right after their commit
// (`forgetCompany`), so the caller's next request here reads its own write without waiting for
// the NOTIFY. As in the auth cache: nothing is kept while the LISTEN is not in place, a
// re-established LISTEN (NOTIFYs meanwhile are lost) empties the cache, and a read that overlapped
// an invalidation is not kept (generation check), so a change racing a read cannot leave a stale
// page behind.

import type { DbClient, Transaction } from "@ampflux/db";
import type { ApiDeps } from "../deps.ts";
import type { Logger } from "../logger.ts";
import { type Generation, NotifyGeneration } from "../notify-generation.ts";

/** Where migration 0018's triggers announce every change to projects and project memberships. */
export const PROJECT_LIST_INVALIDATION_CHANNEL = "project_list_invalidation";
/** A backstop only: invalidation is by NOTIFY; no entry outlives this even if one were missed. */
const MAX_AGE_MS = 5 * 60_000;
/** Bounds memory by projects kept (a page holds up to 100); past it the least recently used go. */
const MAX_ITEMS = 20_000;

export interface ProjectListKey {
  companyId: string;
  userId: string;
  admin: boolean;
  archived: string;
  limit: number;
  offset: number;
}

interface Entry<Page> {
  page: Page;
  companyId: string;
  userId: string;
  items: number;
  cachedAt: number;
}

export class ProjectListCache<Page extends { items: readonly unknown[] }> {
  readonly #entries = new Map<string, Entry<Page>>();
  readonly #invalidations: NotifyGeneration;
  #items = 0;

  constructor(database: DbClient, log: Logger) {
    this.#invalidations = new NotifyGeneration(database, log, PROJECT_LIST_INVALIDATION_CHANNEL, {
      label: "project list cache",
      onPayload: (payload) => this.applyNotification(payload),
      onRelisten: () => this.clear(),
    });
  }

  /** The current generation; pass it to `set` after the database read. */
  generation(): Generation {
    return this.#invalidations.current();
  }

  get(key: ProjectListKey): Page | undefined {
    const k = cacheKey(key);
    const entry = this.#entries.get(k);
    if (!entry) return undefined;
    if (Date.now() - entry.cachedAt > MAX_AGE_MS) {
      this.#delete(k, entry);
      return undefined;
    }
    // Map keeps insertion order: moved to the end, the entry is the most recently used.
    this.#entries.delete(k);
    this.#entries.set(k, entry);
    return entry.page;
  }

  /** Keeps `page` unless an invalidation arrived since `generation` or the LISTEN is not up. */
  set(key: ProjectListKey, page: Page, generation: Generation): void {
    if (!this.#invalidations.keeps(generation)) return;
    const k = cacheKey(key);
    const old = this.#entries.get(k);
    if (old) this.#delete(k, old);
    const items = page.items.length + 1;
    while (this.#items + items > MAX_ITEMS) {
      const oldest = this.#entries.entries().next().value;
      if (!oldest) break;
      this.#delete(oldest[0], oldest[1]);
    }
    this.#entries.set(k, { page, companyId: key.companyId, userId: key.userId, items, cachedAt: Date.now() });
    this.#items += items;
  }

  /**
   * Drops every page of a company now: called by this process's own project and membership
   * changes right after they commit (other processes hear the NOTIFY of the same commit).
   */
  forgetCompany(companyId: string): void {
    this.#forgetWhere((entry) => entry.companyId === companyId);
  }

  /**
   * Runs `write` (a transaction changing projects or memberships of `companyId`) and then drops
   * the company's pages, also when it failed: a commit whose answer was lost may have happened.
   */
  async writing<T>(companyId: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.forgetCompany(companyId);
    }
  }

  /** Drops every page of a user now. */
  forgetUser(userId: string): void {
    this.#forgetWhere((entry) => entry.userId === userId);
  }

  clear(): void {
    this.#invalidations.advance();
    this.#entries.clear();
    this.#items = 0;
  }

  size(): number {
    return this.#entries.size;
  }

  /** True once invalidations reach this process (until then every request asks the database). */
  isListening(): boolean {
    return this.#invalidations.listening;
  }

  /** Applies one NOTIFY of migration 0018's triggers (public so tests can hold deliveries back). */
  applyNotification(payload: string): void {
    const colon = payload.indexOf(":");
    const kind = colon < 0 ? payload : payload.slice(0, colon);
    const id = payload.slice(colon + 1);
    if (kind === "company") this.forgetCompany(id);
    else if (kind === "user") this.forgetUser(id);
    // 'all' (a TRUNCATE) and any payload a newer migration may add drop everything.
    else this.clear();
  }

  async close(): Promise<void> {
    this.clear();
    await this.#invalidations.close();
  }

  #forgetWhere(matches: (entry: Entry<Page>) => boolean): void {
    this.#invalidations.advance();
    for (const [key, entry] of this.#entries) if (matches(entry)) this.#delete(key, entry);
  }

  #delete(key: string, entry: Entry<Page>): void {
    if (this.#entries.delete(key)) this.#items -= entry.items;
  }
}

// Ids are uuids and the archived filter a fixed word: no part can contain the separator.
const cacheKey = (key: ProjectListKey) =>
  `${key.companyId}|${key.userId}|${key.admin ? "admin" : "member"}|${key.archived}|${key.limit}|${key.offset}`;

/**
 * Runs `write` in a transaction that changes projects or memberships of `companyId`, then drops
 * this process's cached project lists of that company: the caller's next projects.list here
 * shows the change. Other api processes drop theirs on the commit's NOTIFY (migration 0018).
 */
export function changingProjects<T>(
  deps: Pick<ApiDeps, "projectLists" | "database">,
  companyId: string,
  write: (tx: Transaction) => Promise<T>,
): Promise<T> {
  return deps.projectLists.writing(companyId, () => deps.database.db.transaction(write));
}
