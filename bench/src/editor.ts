// The editor on large networks, in Debian's headless Chromium against the built web app, a real
// api and a fresh database (issue 23's goals): case1354pegase imported through the Import button
// (with the long tasks the main thread ran meanwhile, from a PerformanceObserver), case13659pegase
// opened from a saved version, panned and zoomed (frame times from requestAnimationFrame, zoomed out
// on the overview canvas and zoomed in on the symbols), and the live recalculation on
// case9241pegase after an edit in the Properties panel. The large cases are saved with their
// automatic layout (the editor's force layout, run here in Node), as an import would save them.
// Needs `pnpm --filter @ampflux/web build` first.

import { readFile } from "node:fs/promises";
import { loadApiSettings, startApi } from "@ampflux/api";
import { createApiClient } from "@ampflux/api/client";
import type { NetworkDocument } from "@ampflux/contracts";
import { licenses } from "@ampflux/db";
import { createTestDatabase, testKeyPrefix, testRedisUrl } from "@ampflux/db/testing";
import type { Page } from "playwright-core";
import { preview } from "vite";
import { withForceLayout } from "../../apps/web/src/editor/layout/force-layout.ts";
import { type EditorDocument, normalizeDocument } from "../../apps/web/src/editor/model/document.ts";
import { launchChromium } from "../../apps/web/test/browser.ts";
import { apiProxy } from "../../apps/web/vite.config.ts";
import { MATPOWER_DIR, matpowerNetwork } from "./networks.ts";

export interface FrameStats {
  frames: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export interface EditorBench {
  import1354: { ms: number; longTasks: number; longestTaskMs: number; blockedMs: number };
  open13659: { diagramMs: number; liveResultsMs: number };
  pan13659Overview: FrameStats;
  zoom13659Overview: FrameStats;
  pan13659Symbols: FrameStats;
  recalc9241: { ms: number };
}

const EMAIL = "editor-bench@example.com";
const PASSWORD = "benchmark password 1";
const WAIT = { timeout: 300_000 };
const log = (step: string) => console.error(`editor bench: ${step} (${new Date().toISOString()})`);

async function laidOut(name: string): Promise<NetworkDocument> {
  const { document } = await matpowerNetwork(name);
  const doc = withForceLayout(normalizeDocument(document as unknown as Record<string, unknown>));
  return doc as unknown as NetworkDocument;
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] as number);

function frameStats(deltas: number[]): FrameStats {
  const sorted = [...deltas].sort((a, b) => a - b);
  const round = (v: number) => Math.round(v * 10) / 10;
  return {
    frames: sorted.length,
    p50Ms: round(percentile(sorted, 0.5)),
    p95Ms: round(percentile(sorted, 0.95)),
    maxMs: round(sorted.at(-1) ?? 0),
  };
}

/** Frame-to-frame times while `gesture` runs, from a requestAnimationFrame loop in the page. */
async function framesDuring(page: Page, gesture: () => Promise<void>): Promise<FrameStats> {
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__frames = [];
    w.__recording = true;
    let last = performance.now();
    const loop = (now: number) => {
      w.__frames.push(now - last);
      last = now;
      if (w.__recording) requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
  });
  await gesture();
  const deltas = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __recording: boolean };
    w.__recording = false;
    return w.__frames.slice(1);
  });
  return frameStats(deltas);
}

async function paneCentre(page: Page) {
  const box = await page.getByTestId("diagram").boundingBox();
  if (!box) throw new Error("no diagram");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

async function pan(page: Page) {
  const c = await paneCentre(page);
  // Start beside the search box, on empty pane.
  await page.mouse.move(c.x, c.y + 150);
  await page.mouse.down();
  await page.mouse.move(c.x + 300, c.y + 50, { steps: 40 });
  await page.mouse.move(c.x - 100, c.y + 200, { steps: 40 });
  await page.mouse.up();
}

async function zoom(page: Page) {
  const c = await paneCentre(page);
  await page.mouse.move(c.x, c.y);
  for (let i = 0; i < 8; i++) {
    await page.mouse.wheel(0, -60);
    await page.waitForTimeout(30);
  }
  for (let i = 0; i < 8; i++) {
    await page.mouse.wheel(0, 60);
    await page.waitForTimeout(30);
  }
}

async function jumpTo(page: Page, id: string) {
  const search = page.getByLabel("Find an element by id or name");
  await search.click();
  await search.pressSequentially(id);
  await search.press("Enter");
  await page.locator(`.react-flow__node[data-id="${id}"]`).waitFor(WAIT);
}

export async function benchEditor(): Promise<EditorBench> {
  const [doc13659, doc9241] = [await laidOut("case13659pegase"), await laidOut("case9241pegase")];
  const grid9241 = (doc9241 as unknown as EditorDocument).external_grids[0]?.id as string;
  const bus13659 = (doc13659 as unknown as EditorDocument).buses[0]?.id as string;
  const case1354 = await readFile(new URL("case1354pegase.m", MATPOWER_DIR));

  log("laid out");
  const database = await createTestDatabase("bench");
  const api = await startApi(
    loadApiSettings({
      DATABASE_URL: database.url,
      REDIS_URL: testRedisUrl(),
      REDIS_KEY_PREFIX: testKeyPrefix("bench-editor"),
      API_PORT: "0",
      LOG_LEVEL: "error",
    }),
  );
  const web = await preview({
    root: new URL("../../apps/web/", import.meta.url).pathname,
    logLevel: "silent",
    preview: { port: 0, strictPort: false, proxy: apiProxy(api.url) },
  });
  const browser = await launchChromium();
  try {
    const session = createApiClient({ url: api.url });
    await session.auth.signUp.mutate({
      email: EMAIL,
      password: PASSWORD,
      name: "Bench",
      companyName: "Bench Co",
    });
    await api.deps.database.db.update(licenses).set({ maxBusesPerStudy: 10_000_000 });
    const save = async (name: string, document: NetworkDocument | null) => {
      const project = await session.projects.create.mutate({ name });
      if (document)
        await session.circuits.save.mutate({
          projectId: project.id,
          baseVersion: null,
          message: "bench",
          document,
        });
      return project.id;
    };
    const empty = await save("import 1354", null);
    const big = await save("case13659pegase", doc13659);
    const live = await save("case9241pegase", doc9241);
    const webUrl = web.resolvedUrls?.local[0] as string;

    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(WAIT.timeout);
    const page = await context.newPage();
    page.on("dialog", (d) => void d.accept());
    await page.goto(new URL("/login", webUrl).href);
    await page.getByLabel("Email").fill(EMAIL);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await page.getByRole("heading", { name: "Projects" }).waitFor();
    const editor = (id: string) => new URL(`/projects/${id}`, webUrl).href;

    log("logged in");
    // case1354pegase: Import… → the imported network drawn, long tasks meanwhile.
    await page.goto(editor(empty));
    await page.getByTestId("version-status").waitFor();
    await page.evaluate(() => {
      const w = window as unknown as { __long: number[] };
      w.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__long.push(e.duration);
      }).observe({ type: "longtask" });
    });
    const started = Date.now();
    await page.getByTestId("import-file").setInputFiles({
      name: "case1354pegase.m",
      mimeType: "text/plain",
      buffer: case1354,
    });
    await page.getByRole("dialog", { name: "Imported case1354pegase.m" }).waitFor(WAIT);
    await page.getByTestId("diagram-overview").waitFor(WAIT);
    const importMs = Date.now() - started;
    const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long);
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).click();

    log("case1354 imported");
    // case13659pegase: open the saved version → diagram drawn → live results shown.
    await page.goto(new URL("/projects", webUrl).href);
    const opened = Date.now();
    await page.goto(editor(big));
    await page.getByTestId("diagram-overview").waitFor(WAIT);
    const diagramMs = Date.now() - opened;
    await page.waitForFunction(
      () => /Ik''/.test(document.querySelector('[data-testid="live-summary"]')?.textContent ?? ""),
      null,
      WAIT,
    );
    const liveResultsMs = Date.now() - opened;
    log("case13659 open");
    const pan13659Overview = await framesDuring(page, () => pan(page));
    const zoom13659Overview = await framesDuring(page, () => zoom(page));
    await jumpTo(page, bus13659);
    const pan13659Symbols = await framesDuring(page, () => pan(page));

    log("case13659 panned and zoomed");
    // case9241pegase: change the external grid's Sk''max → the new max Ik'' in the toolbar.
    await page.goto(editor(live));
    const summary = page.getByTestId("live-summary");
    await page.waitForFunction(
      () => /Ik''/.test(document.querySelector('[data-testid="live-summary"]')?.textContent ?? ""),
      null,
      WAIT,
    );
    await jumpTo(page, grid9241);
    await page.getByRole("tab", { name: "Properties" }).click();
    const field = page.getByTestId("properties").locator('[data-field="s_sc_max_mva"]');
    const before = (await summary.textContent()) ?? "";
    const shown = page.evaluate(
      (previous) =>
        new Promise<number>((resolve) => {
          const w = window as unknown as { __edited?: number };
          document.addEventListener("input", () => (w.__edited ??= performance.now()), {
            capture: true,
            once: true,
          });
          const check = () => {
            const text = document.querySelector('[data-testid="live-summary"]')?.textContent ?? "";
            if (w.__edited !== undefined && text !== previous && /Ik''/.test(text))
              resolve(performance.now() - w.__edited);
            else requestAnimationFrame(check);
          };
          requestAnimationFrame(check);
        }),
      before,
    );
    await field.fill("2500");
    const recalcMs = await shown;
    await context.close();
    return {
      import1354: {
        ms: importMs,
        longTasks: long.length,
        longestTaskMs: Math.round(Math.max(0, ...long)),
        blockedMs: Math.round(long.reduce((s, d) => s + Math.max(0, d - 50), 0)),
      },
      open13659: { diagramMs, liveResultsMs },
      pan13659Overview,
      zoom13659Overview,
      pan13659Symbols,
      recalc9241: { ms: Math.round(recalcMs) },
    };
  } finally {
    await browser.close();
    await web.close();
    await api.close();
    await database.drop();
  }
}
