import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack } from "./stack.ts";
import { licenseBatchStudies, STEP, saveVersion, signUp, storyInSteps } from "./story.ts";

// N-1 screening in the browser (issue 25): the built web app → real api → Postgres, the real
// worker screening every branch outage of MATPOWER's case30 at every bus. Nora imports the case,
// saves it, runs the screening from the Simulations page and reads the worst I''k per bus.

const story = storyInSteps({
  failureShot: "outage-screening-failure",
  start: () => startStack({ worker: true }),
});
let page: Page;
let stack: Stack;
beforeAll(() => {
  ({ page, stack } = story);
});

const NORA = { name: "Nora Network", email: "nora@n1-e2e.example", company: "N-1 Works" };
const CASE30 = new URL("../../../../shared/data/matpower/case30.m", import.meta.url);

describe("N-1 screening in the browser", () => {
  it("imports case30 and saves it", async () => {
    await signUp(page, stack.webUrl, NORA);
    await page.getByRole("button", { name: "New project" }).click();
    await page.getByLabel("Name").fill("Thirty buses");
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByTestId("import-file").setInputFiles({
      name: "case30.m",
      mimeType: "text/plain",
      buffer: readFileSync(CASE30),
    });
    await page
      .getByRole("dialog", { name: "Imported case30.m" })
      .getByRole("button", { name: "Close" })
      .click();
    const dialog = await saveVersion(page, "case30");
    await expect.poll(() => dialog.isVisible(), STEP).toBe(false);
  });

  it("runs the screening on the worker and shows the worst I''k per bus with its outage", async () => {
    await licenseBatchStudies();
    await page.getByRole("link", { name: "Simulations" }).click();
    const form = page.getByRole("form", { name: "N-1 screening" });
    await form.getByLabel("Case").selectOption("min");
    await form.getByRole("button", { name: "Run N-1 screening" }).click();
    const detail = page.getByTestId("simulation-detail");
    await expect
      .poll(() => detail.getByTestId("progress-status").textContent(), { timeout: 60_000 })
      .toBe("succeeded");
    const table = detail.getByTestId("outage-screening");
    await expect
      .poll(() => table.textContent(), STEP)
      .toMatch(/41 outages × 30 buses, 3ph fault, min case: the lowest/);
    // Largest change first: the top row's bus is weakest with some branch out, not intact.
    const first = table.locator("tbody tr").first();
    expect(await first.locator("td").nth(2).textContent()).toMatch(/ out$/);
    await table.getByLabel("Find a bus").fill("30");
    await expect
      .poll(() => table.locator("tbody tr").first().locator("td").first().textContent(), STEP)
      .toBe("30");
    expect(await page.getByRole("heading", { name: "N-1 screening", level: 2 }).first().isVisible()).toBe(
      true,
    );
  });

  it("opens one outage in detail: I''k at every bus with it out beside the intact network's", async () => {
    const table = page.getByTestId("outage-screening");
    await table.getByLabel("Find a bus").fill("");
    const firstOutage = table.locator("tbody").nth(1).locator("tr").first();
    const outage = (await firstOutage.locator("td").first().textContent()) ?? "";
    await firstOutage.getByRole("button", { name: "Details" }).click();
    const detail = page.getByTestId("outage-detail");
    await expect.poll(() => detail.getByRole("heading").textContent(), STEP).toBe(`With ${outage} out`);
    await expect.poll(() => detail.locator("tbody tr").count(), STEP).toBe(30);
    // Its largest change at a bus still fed is the one the outage list gave (unfed buses come first).
    const largest = Number((await firstOutage.locator("td").nth(2).textContent()) ?? "");
    const changes = (await detail.locator("tbody tr td:nth-child(4)").allTextContents())
      .map(Number)
      .filter((v) => Number.isFinite(v));
    expect(Math.max(...changes.map(Math.abs))).toBeCloseTo(largest, 1);
  });

  it("shows the worst case per bus on the diagram, then one outage's deltas with the branch struck out", async () => {
    const table = page.getByTestId("outage-screening");
    // The bus whose current changes most under some outage, as the table gives it.
    const top = table.locator("tbody").first().locator("tr").first().locator("td");
    const [bus, worst, cause] = await Promise.all([0, 1, 2].map((k) => top.nth(k).textContent()));
    const outage = (cause ?? "").replace(/ out$/, "");
    await table.getByTestId("screening-on-diagram").click();
    await expect.poll(() => page.getByTestId("screening-banner").isVisible(), STEP).toBe(true);
    const legend = page.getByTestId("colour-legend");
    await expect.poll(() => legend.getAttribute("data-mode"), STEP).toBe("n1_worst");
    const badge = page.getByTestId(`ik-${bus}`);
    await expect.poll(() => badge.textContent(), STEP).toBe(`${worst} kA`);
    expect(await badge.getAttribute("title")).toContain(`with ${outage} out`);
    // The screening ran on the version the editor shows: no version warning.
    expect(await page.getByTestId("screening-version").count()).toBe(0);
    // The outage that gives it: the diagram shows I''k with that branch out, the branch struck out.
    await page.getByTestId("screening-banner").getByLabel("Outage shown").selectOption(outage);
    await expect.poll(() => legend.getAttribute("data-mode"), STEP).toBe("n1_outage");
    await expect
      .poll(() => page.getByTestId(`element-${outage}`).getAttribute("data-outaged"), STEP)
      .toBe("true");
    // That bus's current with this outage is its worst case (the outage was named for it).
    await expect.poll(() => badge.textContent(), STEP).toBe(`${worst} kA`);
    expect(await badge.getAttribute("title")).toMatch(new RegExp(`with ${outage} out; intact`));
    expect(page.url()).toContain(`outage=${encodeURIComponent(outage)}`);
    await page.getByTestId("screening-banner").getByRole("button", { name: "Close" }).click();
    await expect.poll(() => legend.getAttribute("data-mode"), STEP).not.toMatch(/^n1_/);
  });

  it("screens only the listed branches, and names an id the version does not have", async () => {
    await page.getByRole("link", { name: "Simulations" }).click();
    const form = page.getByRole("form", { name: "N-1 screening" });
    await form.getByLabel("Only these branches").fill("br1, nope");
    await form.getByRole("button", { name: "Run N-1 screening" }).click();
    await expect
      .poll(() => form.getByRole("alert").textContent(), STEP)
      .toMatch(/outages\.1.*no line, transformer, three-winding transformer or impedance "nope"/s);
    await form.getByLabel("Only these branches").fill("br1 br2");
    await form.getByRole("button", { name: "Run N-1 screening" }).click();
    const detail = page.getByTestId("simulation-detail");
    await expect
      .poll(() => detail.getByTestId("outage-screening").textContent(), { timeout: 60_000 })
      .toMatch(/2 outages × 30 buses/);
  });

  it("says so when the diagram is another version than the screening's", async () => {
    const link = page.getByTestId("simulation-detail").getByTestId("screening-on-diagram");
    const href = (await link.getAttribute("href")) ?? "";
    await page.getByRole("link", { name: "Editor" }).click();
    await page.getByLabel("Network name").fill("case30, renamed");
    const dialog = await saveVersion(page, "renamed");
    await expect.poll(() => dialog.isVisible(), STEP).toBe(false);
    await page.goto(new URL(href, stack.webUrl).href);
    await expect
      .poll(() => page.getByTestId("screening-version").textContent(), STEP)
      .toMatch(/run on version 1; the diagram is version 2/);
  });
});
