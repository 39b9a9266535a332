import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createServer } from "node:net";
import type { ProjectRole } from "@ampflux/contracts";
import { testKeyPrefix, testRedisUrl } from "@ampflux/db/testing";
import { TRPCClientError } from "@trpc/client";
import { expect, inject } from "vitest";
// The CLI's EventSource for Node (test-only use of its source: the CLI depends on the api).
import { NodeEventSource } from "../../cli/src/event-source.ts";
import { type ApiClient, createApiClient, type SessionJar } from "../src/client.ts";
import type { AppRouter } from "../src/index.ts";
import { type RunningApi, type StartOptions, startApi } from "../src/server.ts";
import { loadApiSettings } from "../src/settings.ts";

export const WEB_ORIGIN = "http://localhost:5173";

/** A real api on a free loopback port, against the run's test database and real Redis. */
export function startTestApi(
  env: Record<string, string> = {},
  options: StartOptions = {},
): Promise<RunningApi> {
  return startApi(
    loadApiSettings({
      DATABASE_URL: inject("databaseUrl"),
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: testKeyPrefix("api"),
      API_PORT: "0",
      LOG_LEVEL: "error",
      CORS_ORIGINS: WEB_ORIGIN,
      ...env,
    }),
    options,
  );
}

export interface TestClient {
  trpc: ApiClient;
  /** The session cookie's value, as a browser would hold it. */
  cookie(): string | undefined;
  setCookie(value: string | undefined): void;
}

/**
 * A tRPC client that behaves like a browser tab: keeps the session cookie and sends Origin (or
 * the API key instead). Subscriptions go over SSE with the same cookie.
 */
export function testClient(apiUrl: string, options: { apiKey?: string; origin?: string } = {}): TestClient {
  const session: SessionJar = { token: undefined };
  const trpc = createApiClient({
    url: apiUrl,
    apiKey: options.apiKey,
    origin: options.origin ?? WEB_ORIGIN,
    session,
    EventSource: NodeEventSource,
  });
  return { trpc, cookie: () => session.token, setCookie: (value) => (session.token = value) };
}

/** The same browser session (its cookie) talking to the api at `apiUrl`, as behind a load balancer. */
export function sameSession(apiUrl: string, client: TestClient): TestClient {
  const other = testClient(apiUrl);
  other.setCookie(client.cookie());
  return other;
}

export const uniqueEmail = (label: string) => `${label}-${randomBytes(4).toString("hex")}@example.com`;
export const PASSWORD = "correct horse battery";

/** Signs up a new company; the returned client is logged in as its admin. */
export async function signUpCompany(apiUrl: string, label = "admin") {
  const client = testClient(apiUrl);
  const email = uniqueEmail(label);
  const user = await client.trpc.auth.signUp.mutate({
    email,
    password: PASSWORD,
    name: `${label} user`,
    companyName: `${label} company`,
  });
  return { client, user, email };
}

/** Invites a user into the admin's company and signs them up; returns their logged-in client. */
export async function addCompanyUser(apiUrl: string, admin: TestClient, label = "member") {
  const email = uniqueEmail(label);
  const invitation = await admin.trpc.users.invite.mutate({ email });
  const client = testClient(apiUrl);
  const user = await client.trpc.auth.signUp.mutate({
    email,
    password: PASSWORD,
    name: `${label} user`,
    invitationToken: invitation.token,
  });
  return { client, user, email };
}

/** A new company's project, named `projectName`, with a second company user added as `role`. */
export async function projectWithMember(
  apiUrl: string,
  names: { owner: string; member: string; project: string },
  role: ProjectRole,
) {
  const owner = await signUpCompany(apiUrl, names.owner);
  const member = await addCompanyUser(apiUrl, owner.client, names.member);
  const project = await owner.client.trpc.projects.create.mutate({ name: names.project });
  await owner.client.trpc.projects.members.set.mutate({
    projectId: project.id,
    userId: member.user.id,
    role,
  });
  return { owner, member, projectId: project.id };
}

/** Awaits a tRPC call expected to fail with `code`; returns the error for further checks. */
export async function expectTrpcError(call: Promise<unknown>, code: string) {
  const error = await call.then(
    () => {
      throw new Error(`expected ${code}, but the call succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCClientError);
  const trpcError = error as TRPCClientError<AppRouter>;
  expect(trpcError.data?.code).toBe(code);
  return trpcError;
}

/**
 * A TCP port nothing listens on now, as the kernel hands out for port 0: for a server a test
 * starts itself (Postgres, Redis). A fixed formula (40,000 + pid) fell inside the ephemeral range,
 * where another process's connection could already hold it.
 */
export async function freePort(): Promise<number> {
  const server = createServer().listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  await once(server, "close");
  return typeof address === "object" && address ? address.port : 0;
}
