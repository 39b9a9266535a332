import type { AssistantToolCall } from "@ampflux/contracts";
import { bigserial, boolean, index, integer, jsonb, pgEnum, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth.ts";
import { createdAt, id, updatedAt } from "./columns.ts";
import { companies } from "./companies.ts";
import { projects } from "./projects.ts";

export const aiMessageRole = pgEnum("ai_message_role", ["user", "assistant", "tool"]);

/** A thread of questions to the assistant about one project; every project member sees it. */
export const aiConversations = pgTable(
  "ai_conversations",
  {
    id: id(),
    projectId: uuid()
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    title: text().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index().on(t.projectId, t.updatedAt)],
);

/**
 * One turn of a conversation. Rows of one exchange share a transaction's timestamp, so they are
 * ordered by the serial id. `toolCalls`: on an assistant row the calls it asked for, on a tool
 * row the one call its content answers.
 */
export const aiMessages = pgTable(
  "ai_messages",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    conversationId: uuid()
      .notNull()
      .references(() => aiConversations.id, { onDelete: "cascade" }),
    role: aiMessageRole().notNull(),
    content: text().notNull(),
    toolCalls: jsonb().$type<AssistantToolCall[]>(),
    /** Completion tokens of an assistant answer; an estimate (characters / 4) for other rows. */
    tokens: integer().notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.conversationId, t.id)],
);

/**
 * Tokens spent per question, summed per company and calendar month (UTC) against the license's
 * aiTokensPerMonth. Rows outlive the users and projects they name, so the month's sum stays put.
 */
export const aiUsage = pgTable(
  "ai_usage",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    companyId: uuid()
      .notNull()
      .references(() => companies.id, { onDelete: "cascade" }),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    projectId: uuid().references(() => projects.id, { onDelete: "set null" }),
    model: text().notNull(),
    promptTokens: integer().notNull().default(0),
    completionTokens: integer().notNull().default(0),
    /** Answered from the cache: no tokens spent. */
    cached: boolean().notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index().on(t.companyId, t.createdAt)],
);
