import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, screenshotPath } from "./browser.ts";
import { type Stack, startStack } from "./stack.ts";

// End to end: the built page in headless Chromium → vite preview proxy → real api → Postgres/Redis.
let stack: Stack;
let browser: Browser;

beforeAll(async () => {
  stack = await startStack();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

describe("web page", () => {
  it("shows the api's health fetched through /trpc and loads the WASM engine", async () => {
    const page = await browser.newPage();
    await page.goto(stack.webUrl);
    await expect.poll(() => page.getByTestId("overall-status").textContent(), { timeout: 15_000 }).toBe("ok");
    const rows = await page.locator("tbody tr").allInnerTexts();
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/\tok\t/);
    // The WASM core instantiated in the browser, fetched as a built asset.
    await expect.poll(() => page.getByTestId("engine-status").textContent()).toMatch(/ABI \d+/);
    await page.screenshot({ path: screenshotPath("health-page") });
  });
});
