// One story in steps in real Chromium: the stack and a browser page started once for the file,
// and once a step fails the later ones are skipped (they would only time out) with a screenshot
// of the page as it was. Also the diagram gestures the stories share.

import { createDb, licenses } from "@ampflux/db";
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, expect, inject } from "vitest";
import { launchChromium, screenshotPath } from "./browser.ts";
import type { Stack } from "./stack.ts";

export const STEP = { timeout: 20_000 };

export interface Story {
  stack: Stack;
  browser: Browser;
  page: Page;
}

/** Registers the file's hooks; `story.page` and `story.stack` are there from the first test on. */
export function storyInSteps(options: { failureShot: string; start: () => Promise<Stack> }): Story {
  const story = {} as Story;
  beforeAll(async () => {
    story.stack = await options.start();
    story.browser = await launchChromium();
    const context = await story.browser.newContext({
      viewport: { width: 1440, height: 900 },
      acceptDownloads: true,
    });
    story.page = await context.newPage();
    context.setDefaultTimeout(STEP.timeout);
    // Import and restore ask before they drop unsaved work: say yes.
    story.page.on("dialog", (dialog) => void dialog.accept());
  });
  afterAll(async () => {
    await story.browser?.close();
    await story.stack?.close();
  });
  let failed = false;
  beforeEach((context) => {
    if (failed) context.skip();
  });
  afterEach(async (context) => {
    if (context.task.result?.state !== "fail") return;
    failed = true;
    const path = screenshotPath(options.failureShot);
    await story.page.screenshot({ path });
    console.error(`the page when "${context.task.name}" failed: ${path}`);
  });
  return story;
}

export async function centerOf(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error("element is not visible");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/**
 * Draws a wire from an element's terminal to a bus bar, as a user drags it, and returns once the
 * diagram shows that wire. Each stage waits for React Flow to show it took the one before: under
 * load a drag released before the editor caught up, or onto a bar that auto-pan (the pointer near
 * the pane's edge) had moved meanwhile, left the terminal unwired, and the story failed much later.
 */
export async function wire(page: Page, element: string, terminal: string, bus: string) {
  const busHandle = page.getByTestId(`bus-${bus}`).locator(".bus-handle");
  const from = await centerOf(page.getByTestId(`handle-${element}-${terminal}`));
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  // React Flow starts a connection once the pointer moved past its drag threshold.
  const start = await centerOf(busHandle);
  await page.mouse.move((3 * from.x + start.x) / 4, (3 * from.y + start.y) / 4, { steps: 4 });
  await page.locator(".react-flow__connectionline").waitFor();
  // Onto the bar where it is now, until React Flow marks it as this connection's valid end.
  await expect
    .poll(async () => {
      const to = await centerOf(busHandle);
      await page.mouse.move(to.x, to.y, { steps: 6 });
      return /(^|\s)valid(\s|$)/.test((await busHandle.getAttribute("class")) ?? "");
    }, STEP)
    .toBe(true);
  await page.mouse.up();
  await expect
    .poll(() => page.getByTestId(`rf__edge-${element}|${terminal}`).getAttribute("aria-label"), STEP)
    .toBe(`Edge from ${element} to ${bus}`);
}

export const editorToolbar = (page: Page) => page.getByRole("toolbar", { name: "Editor" });

/** Fills and submits the save dialog; returns it (closed on success, showing a conflict otherwise). */
export async function saveVersion(page: Page, message: string) {
  await editorToolbar(page).getByRole("button", { name: "Save version" }).click();
  const dialog = page.getByRole("dialog", { name: "Save a new version" });
  await dialog.getByLabel("What changed?").fill(message);
  await dialog.getByRole("button", { name: "Save version" }).click();
  return dialog;
}

/** New companies' plans exclude batch studies; upgrade them as a sales admin would. */
export async function licenseBatchStudies() {
  const db = createDb(inject("databaseUrl"));
  try {
    await db.db.update(licenses).set({ batchStudies: true });
  } finally {
    await db.close();
  }
}

/** Opens the Simulations page's batch form, lets `choose` tick its options, runs it and waits for success. */
export async function runBatchStudy(page: Page, choose: () => Promise<void>) {
  await page.getByRole("link", { name: "Simulations" }).click();
  await page.getByRole("heading", { name: "New batch study" }).waitFor();
  await choose();
  await page.getByRole("button", { name: "Run batch study" }).click();
  const detail = page.getByTestId("simulation-detail");
  await expect
    .poll(() => detail.getByTestId("progress-status").textContent(), { timeout: 45_000 })
    .toBe("succeeded");
  return detail;
}

/** Signs a new company up through the signup page, as its first user, and waits for Projects. */
export async function signUp(
  page: Page,
  webUrl: string,
  user: { name: string; email: string; company: string },
) {
  await page.goto(new URL("/signup", webUrl).href);
  await page.getByLabel("Your name").fill(user.name);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByLabel("Company").fill(user.company);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("heading", { name: "Projects" }).waitFor();
}
