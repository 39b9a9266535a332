import type { BrowserContext, Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { startSmtp, type TestSmtp } from "../../worker/test/smtp.ts";
import { startStack } from "./stack.ts";
import { STEP, signUp, storyInSteps } from "./story.ts";

// Account recovery in the browser (issue 27): the built web app → real api → Postgres, and the
// real worker emailing through a real SMTP server on loopback. Sam signs up and verifies the
// address from the email; later Sam forgets the password, resets it from the emailed link, and
// the session Sam left open in another browser is logged out; then Sam ends other sessions from
// the account page.

let smtp: TestSmtp | undefined;
const story = storyInSteps({
  failureShot: "accounts-failure",
  start: async () => {
    smtp = await startSmtp(0);
    const email = {
      EMAIL_ENABLED: "true",
      SMTP_HOST: "127.0.0.1",
      SMTP_PORT: String(smtp.port),
      SMTP_FROM: "AmpFlux <noreply@accounts-e2e.test>",
    };
    return startStack({
      worker: true,
      apiEnv: email,
      workerEnv: { ...email, APP_URL: "http://app.example" },
    });
  },
});
let otherContext: BrowserContext | undefined;
let other: Page;
afterAll(async () => {
  await otherContext?.close();
  await smtp?.close();
});

const SAM = { name: "Sam Sparks", email: "sam@accounts-e2e.example", company: "Spark Works" };
const NEW_PASSWORD = "a fresh new passphrase";
const MAIL = 60_000;

/** The path and query of the newest emailed link to `path`, opened on the test's web server. */
async function emailedLink(path: string, count: number): Promise<string> {
  const pattern = new RegExp(`http://app\\.example(${path}\\?token=[a-z2-7]+)`);
  await expect
    .poll(() => smtp?.mailsTo(SAM.email).filter((m) => pattern.test(m.text)).length, { timeout: MAIL })
    .toBeGreaterThanOrEqual(count);
  const mails = smtp?.mailsTo(SAM.email).filter((m) => pattern.test(m.text)) ?? [];
  const link = mails[mails.length - 1]?.text.match(pattern)?.[1];
  if (!link) throw new Error(`no ${path} link`);
  return new URL(link, story.stack.webUrl).href;
}

async function logIn(page: Page, password: string) {
  await page.goto(new URL("/login", story.stack.webUrl).href);
  await page.getByLabel("Email").fill(SAM.email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("heading", { name: "Projects" }).waitFor();
}

/** Whether `page`, reloaded on /projects, is still logged in (else the app sends it to log in). */
async function loggedIn(page: Page): Promise<boolean> {
  await page.goto(new URL("/projects", story.stack.webUrl).href);
  await Promise.race([
    page.getByRole("heading", { name: "Projects" }).waitFor(),
    page.getByRole("heading", { name: "Log in to AmpFlux" }).waitFor(),
  ]);
  return page.getByRole("heading", { name: "Projects" }).isVisible();
}

describe("account recovery in the browser", () => {
  it("signs up, gets a verification email and verifies the address from its link", async () => {
    const { page, stack } = story;
    await signUp(page, stack.webUrl, SAM);
    const banner = page.getByRole("note");
    await expect.poll(() => banner.textContent(), STEP).toContain(`confirm your email address ${SAM.email}`);
    await page.goto(new URL("/account", stack.webUrl).href);
    const email = page.getByRole("region", { name: "Email address" });
    await expect.poll(() => email.textContent(), STEP).toContain("not verified yet");

    const link = await emailedLink("/verify-email", 1);
    const mail = smtp?.mailsTo(SAM.email)[0];
    expect(mail?.headers.get("subject")).toBe("Confirm your email address for AmpFlux");
    await page.goto(link);
    await expect.poll(() => page.getByRole("status").textContent(), STEP).toContain("is verified");
    await page.goto(new URL("/account", stack.webUrl).href);
    await expect.poll(() => email.textContent(), STEP).toContain("verified");
    expect(await email.textContent()).not.toContain("not verified");
    await page.getByRole("link", { name: "Projects" }).click();
    await page.getByRole("heading", { name: "Projects" }).waitFor();
    expect(await banner.count()).toBe(0);
  });

  it("resets a forgotten password from the emailed link; the other browser's session ends", async () => {
    const { page, browser } = story;
    otherContext = await browser.newContext();
    other = await otherContext.newPage();
    await logIn(other, "correct horse battery");

    await page.context().clearCookies();
    await page.goto(new URL("/login", story.stack.webUrl).href);
    await page.getByRole("link", { name: "Forgot your password?" }).click();
    await page.getByLabel("Email").fill(SAM.email);
    await page.getByRole("button", { name: "Email me a link" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent(), STEP)
      .toContain("If an account uses this address");

    await page.goto(await emailedLink("/reset-password", 1));
    await page.getByLabel("New password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Set new password" }).click();
    await expect.poll(() => page.getByRole("status").textContent(), STEP).toContain("every session");

    expect(await loggedIn(other)).toBe(false);
    await logIn(page, NEW_PASSWORD);
  });

  it("lists sessions on the account page and logs out all the others", async () => {
    const { page, stack } = story;
    await logIn(other, NEW_PASSWORD);
    await page.goto(new URL("/account", stack.webUrl).href);
    const sessions = page.getByRole("table", { name: "Sessions" });
    await expect.poll(() => sessions.locator("tbody tr").count(), STEP).toBe(2);
    expect(await sessions.textContent()).toContain("(this browser)");
    expect(await sessions.textContent()).toContain("Chrome");
    await page.getByRole("button", { name: "Log out all other sessions" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent(), STEP)
      .toContain("1 other session(s) logged out");
    await expect.poll(() => sessions.locator("tbody tr").count(), STEP).toBe(1);
    expect(await loggedIn(other)).toBe(false);
    expect(await loggedIn(page)).toBe(true);
  });

  it("as company admin, limits unverified accounts and ends a user's sessions", async () => {
    const { page, stack } = story;
    await logIn(other, NEW_PASSWORD);
    await page.goto(new URL("/admin", stack.webUrl).href);
    const access = page.getByLabel("Users with an unverified email address may do");
    const saved = page.waitForResponse((r) => r.url().includes("companyAccounts.setUnverifiedAccess"));
    await access.selectOption("read_only");
    expect((await saved).ok()).toBe(true);
    await page.reload();
    await expect.poll(() => access.inputValue(), STEP).toBe("read_only");

    const users = page.getByRole("region", { name: "Users" });
    await users
      .getByRole("row", { name: new RegExp(SAM.name) })
      .getByRole("button", { name: "Sessions" })
      .click();
    const dialog = page.getByRole("dialog", { name: `Sessions of ${SAM.name}` });
    await expect
      .poll(() => dialog.getByRole("table", { name: "Sessions" }).locator("tbody tr").count(), STEP)
      .toBe(2);
    await dialog.getByRole("button", { name: "End all sessions" }).click();
    await expect
      .poll(() => dialog.getByRole("status").textContent(), STEP)
      .toContain("Every session was ended");
    expect(await loggedIn(other)).toBe(false);
    expect(await loggedIn(page)).toBe(false);
  });
});
