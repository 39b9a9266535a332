import { loadApiSettings, type RunningApi, startApi } from "@ampflux/api";
import { testRedisUrl } from "@ampflux/db/testing";
import type { Browser } from "playwright-core";
import { type PreviewServer, preview } from "vite";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launchChromium } from "./browser.ts";

// End to end: the built page in headless Chromium → vite preview proxy → real api → Postgres/Redis.
let api: RunningApi;
let web: PreviewServer;
let browser: Browser;

beforeAll(async () => {
  api = await startApi(
    loadApiSettings({
      DATABASE_URL: inject("databaseUrl"),
      REDIS_URL: testRedisUrl(),
      API_PORT: "0",
      LOG_LEVEL: "error",
    }),
  );
  const proxy = { "/trpc": api.url, "/health": api.url };
  web = await preview({
    root: new URL("..", import.meta.url).pathname,
    logLevel: "silent",
    preview: { port: 0, strictPort: false, proxy },
  });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await web?.close();
  await api?.close();
});

describe("web page", () => {
  it("shows the api's health fetched through /trpc and loads the WASM engine", async () => {
    const url = web.resolvedUrls?.local[0];
    if (!url) throw new Error("preview server has no URL");
    const page = await browser.newPage();
    await page.goto(url);
    await expect.poll(() => page.getByTestId("overall-status").textContent(), { timeout: 15_000 }).toBe("ok");
    const rows = await page.locator("tbody tr").allInnerTexts();
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toMatch(/\tok\t/);
    // The WASM core instantiated in the browser, fetched as a built asset.
    await expect.poll(() => page.getByTestId("engine-status").textContent()).toMatch(/ABI \d+/);
    await page.screenshot({ path: new URL("../dist/health-page.png", import.meta.url).pathname });
  });
});
