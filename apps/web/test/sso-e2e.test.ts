import { randomBytes } from "node:crypto";
import { createDb } from "@ampflux/db";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { startTestOpenIdProvider, type TestOpenIdProvider } from "../../api/test/oidc-provider.ts";
import { type Stack, startStack } from "./stack.ts";
import { STEP, signUp, storyInSteps } from "./story.ts";

// Single sign-on in the browser (issue 27): a company admin sets up the company's OpenID
// provider (a real `oidc-provider` on loopback) on the admin page; a new colleague then signs in
// from the login page by email domain and is created in that company with the default role.

const story = storyInSteps({ failureShot: "sso-failure", start: () => startStack() });
let page: Page;
let stack: Stack;
let idp: TestOpenIdProvider;
const database = createDb(inject("databaseUrl"));
const DOMAIN = `sso-${randomBytes(3).toString("hex")}.example.com`;
const OLGA = { name: "Olga Admin", email: `olga@${DOMAIN}`, company: "Single Sign Co" };
const NEWCOMER = {
  sub: `idp-${randomBytes(4).toString("hex")}`,
  email: `nina.new@${DOMAIN}`,
  name: "Nina Newcomer",
};

beforeAll(async () => {
  ({ page, stack } = story);
  idp = await startTestOpenIdProvider([new URL("/auth/sso/callback", stack.webUrl).href]);
});
afterAll(async () => {
  await idp?.close();
  await database.close();
});

describe("single sign-on in the browser", () => {
  it("a company admin configures the OpenID provider", async () => {
    await signUp(page, stack.webUrl, OLGA);
    await page.goto(new URL("/admin", stack.webUrl).href);
    const panel = page.getByRole("region", { name: "Single sign-on (OpenID Connect)" });
    expect(await panel.getByTestId("sso-redirect-uri").textContent()).toBe(
      new URL("/auth/sso/callback", stack.webUrl).href,
    );
    await panel.getByLabel("Issuer URL").fill(idp.issuer);
    await panel.getByLabel("Client ID").fill(idp.clientId);
    await panel.getByLabel("Client secret").fill(idp.clientSecret);
    await panel.getByLabel("Email domains").fill(DOMAIN);
    await panel.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => panel.getByRole("status").textContent(), STEP).toContain("Saved");
  });

  it("signs a new user in through the provider, created in the company as a user", async () => {
    await page.getByRole("banner").getByRole("button", { name: "Log out", exact: true }).click();
    await page.getByRole("heading", { name: "Log in to AmpFlux" }).waitFor();
    idp.signInAs(NEWCOMER);
    await page.getByLabel("Work address").fill(NEWCOMER.email);
    await page.getByRole("button", { name: "Sign in with SSO" }).click();
    await page.getByRole("heading", { name: "Projects" }).waitFor();
    await page.goto(new URL("/account", stack.webUrl).href);
    await expect
      .poll(() => page.getByRole("main").textContent(), STEP)
      .toContain(`${NEWCOMER.name} · ${NEWCOMER.email} · user at ${OLGA.company}`);
    const rows = await database.sql<{ action: string; role: string }[]>`
      select a.action, u.role from audit_logs a join users u on u.id = a.user_id where u.email = ${NEWCOMER.email}`;
    expect(rows.map((row) => row.role)).toContain("user");
    const actions = rows.map((row) => row.action);
    expect(actions).toEqual(expect.arrayContaining(["sso.user_created", "sso.sign_in"]));
  });

  it("shows a clear message when no company signs the email in by SSO", async () => {
    await page.getByRole("banner").getByRole("button", { name: "Log out", exact: true }).click();
    await page.getByLabel("Work address").fill("someone@no-sso.example.org");
    await page.getByRole("button", { name: "Sign in with SSO" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent(), STEP)
      .toContain("No company signs in this email address with single sign-on.");
  });
});
