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
  it("shows only whether the api is up (no internal details), fetched through /trpc and loads the WASM engine", async () => {
    const page = await browser.newPage();
    await page.goto(stack.webUrl);
    await expect.poll(() => page.getByTestId("overall-status").textContent(), { timeout: 15_000 }).toBe("ok");
    // Anonymous visitors see no internal details: no components, latencies or queue.
    const text = await page.locator("main").textContent();
    expect(text).not.toMatch(/database|latency|job queue|jobs waiting| ms\b/i);
    // The page's proxy marks its requests as forwarded: /health/detailed through it needs the token.
    const detailed = await fetch(new URL("/health/detailed", stack.webUrl));
    expect(detailed.headers.get("content-type")).toMatch(/json/);
    expect(detailed.status).toBe(401);
    // The WASM core instantiated in the browser, fetched as a built asset.
    await expect.poll(() => page.getByTestId("engine-status").textContent()).toMatch(/ABI \d+/);
    await page.screenshot({ path: screenshotPath("health-page") });
  });
});
