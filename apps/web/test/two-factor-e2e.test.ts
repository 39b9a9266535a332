import { randomBytes } from "node:crypto";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { TestAuthenticator } from "../../api/test/authenticator.ts";
import { type Stack, startStack } from "./stack.ts";
import { STEP, signUp, storyInSteps } from "./story.ts";

// Two-factor authentication in the browser (issue 27): turn TOTP on from the account page with
// codes computed from the secret the page shows (as an authenticator app would), then log-in
// asks for a code, and a recovery code replaces the app exactly once.

const story = storyInSteps({ failureShot: "two-factor-failure", start: () => startStack() });
let page: Page;
let stack: Stack;
beforeAll(() => {
  ({ page, stack } = story);
});

const TOTTI = {
  name: "Totti Second",
  email: `totti-${randomBytes(3).toString("hex")}@two-factor-e2e.example`,
  company: "Second Factor Ltd",
};
let authenticator: TestAuthenticator;
let recoveryCodes: string[];

async function logOut() {
  await page.getByRole("banner").getByRole("button", { name: "Log out", exact: true }).click();
  await page.getByRole("heading", { name: "Log in to AmpFlux" }).waitFor();
}

async function passwordStep() {
  await page.getByLabel("Email").fill(TOTTI.email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Log in" }).click();
  await page.getByRole("heading", { name: "Two-factor authentication" }).waitFor();
}

describe("two-factor authentication in the browser", () => {
  it("turns TOTP on from the account page and shows ten recovery codes", async () => {
    await signUp(page, stack.webUrl, TOTTI);
    await page.goto(new URL("/account", stack.webUrl).href);
    await page.getByRole("button", { name: "Set up two-factor authentication" }).click();
    const secret = (await page.getByTestId("totp-secret").textContent()) ?? "";
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await page.getByAltText("QR code of the two-factor secret").isVisible()).toBe(true);
    authenticator = new TestAuthenticator(secret);
    await page.getByLabel("Code from the app").fill("000000");
    await page.getByRole("button", { name: "Turn on" }).click();
    await expect.poll(() => page.getByRole("alert").textContent(), STEP).toContain("wrong or expired");
    await page.getByLabel("Code from the app").fill(await authenticator.nextCode());
    await page.getByRole("button", { name: "Turn on" }).click();
    const list = page.getByTestId("recovery-codes");
    await list.waitFor();
    recoveryCodes = await list.getByRole("listitem").allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    await page.getByRole("button", { name: "I saved them" }).click();
    await expect
      .poll(() => page.getByTestId("two-factor-status").textContent(), STEP)
      .toContain("10 recovery codes");
  });

  it("asks for the code at log-in after the password", async () => {
    await logOut();
    await passwordStep();
    await page.getByLabel("Authentication code").fill(await authenticator.nextCode());
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("heading", { name: "Projects" }).waitFor();
  });

  it("accepts a recovery code instead, once", async () => {
    const code = recoveryCodes[0] ?? "";
    await logOut();
    await passwordStep();
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(code);
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("heading", { name: "Projects" }).waitFor();

    await logOut();
    await passwordStep();
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(code);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect
      .poll(() => page.getByRole("alert").textContent(), STEP)
      .toContain("not one of your unused recovery codes");
    expect(await page.getByRole("heading", { name: "Projects" }).count()).toBe(0);
    // The app's code still works; the account page counts the used recovery code.
    await page.getByRole("button", { name: "Use the authenticator app instead" }).click();
    await page.getByLabel("Authentication code").fill(await authenticator.nextCode());
    await page.getByRole("button", { name: "Verify" }).click();
    await page.getByRole("heading", { name: "Projects" }).waitFor();
    await page.goto(new URL("/account", stack.webUrl).href);
    await expect
      .poll(() => page.getByTestId("two-factor-status").textContent(), STEP)
      .toContain("9 recovery codes");
  });
});
