import { readFileSync } from "node:fs";
import { busViolation, type LoadFlowResult, loadFlowLimitsSchema } from "@ampflux/contracts";
import { importNetworkFile } from "@ampflux/contracts/importers";
import { loadSimCore, type SimCore } from "@ampflux/sim-wasm";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { LOAD_FLOW_COLOURS } from "../src/results/load-flow.ts";
import { screenshotPath } from "./browser.ts";
import { type Stack, startStack } from "./stack.ts";
import { editorToolbar, STEP, saveVersion, signUp, storyInSteps } from "./story.ts";

// The editor's live load flow in real Chromium: the built web app → real api → Postgres, the WASM
// engine in the page's worker. The network is MATPOWER's case9 (WSCC 9 bus, 345 kV; the file from
// ../shared/data/matpower, imported in the browser as a user would). What the diagram must show is
// computed here with the same engine in Node on the same import, edited as the story edits it:
//   as filed:           converged in 4 iterations, Vm 0.9956 (bus 9) … 1.04 (slack), no violation
//   load5 at 300 MW:    bus 5 falls to ≈ 0.9465 pu < 0.95 → undervoltage
//   load5 at 1500 MW:   Newton–Raphson stops at 10 iterations without converging
//   br4 (3–6) out:      bus 3 (a generator, no slack) is an island of its own → unsupplied

const CASE9 = readFileSync(new URL("../../../../shared/data/matpower/case9.m", import.meta.url), "utf8");
const LIMITS = loadFlowLimitsSchema.parse({});

const story = storyInSteps({ failureShot: "load-flow-failure", start: () => startStack() });
let page: Page;
let stack: Stack;
let sim: SimCore;
beforeAll(async () => {
  ({ page, stack } = story);
  sim = await loadSimCore();
});

type Case9 = Record<string, Array<Record<string, unknown>>>;
/** case9 as imported, with `edit` applied, solved by the engine with the editor's default options. */
function expected(edit: (doc: Case9) => void = () => {}): LoadFlowResult {
  const doc = structuredClone(importNetworkFile("case9.m", CASE9).document) as unknown as Case9;
  edit(doc);
  return sim.loadFlow(doc);
}
const setLoad5 = (p: number) => (doc: Case9) => {
  const load = doc.loads?.find((l) => l.id === "load5");
  if (!load) throw new Error("case9 has no load5");
  load.p_mw = p;
};

const toolbar = () => editorToolbar(page);
const sideTab = (name: string) => page.getByRole("tab", { name }).click();
const busMark = (bus: string) => page.getByTestId(`lf-bus-${bus}`);
const band = (bus: string) => page.getByTestId(`bus-${bus}`).getAttribute("data-lf-band");
const field = (name: string) => page.getByTestId("properties").locator(`[data-field="${name}"]`);

/** Vm and Va as the diagram prints them ("1.0127 pu ∠ -3.69°"). */
async function shownVoltage(bus: string) {
  const text = (await busMark(bus).textContent()) ?? "";
  const match = /^(-?\d+\.\d{4}) pu ∠ (-?\d+\.\d{2})°$/.exec(text);
  if (!match) throw new Error(`bus ${bus} shows "${text}"`);
  return { vm: Number(match[1]), va: Number(match[2]) };
}

/** Every bus's Vm/Va label and every branch's loading match the engine's result to their digits. */
async function expectDiagramShows(result: LoadFlowResult) {
  for (const bus of result.buses) {
    if (bus.vm_pu === null || bus.va_degree === null) continue;
    const shown = await shownVoltage(bus.bus);
    expect(Math.abs(shown.vm - bus.vm_pu), `Vm of bus ${bus.bus}`).toBeLessThanOrEqual(5.001e-5);
    expect(Math.abs(shown.va - bus.va_degree), `Va of bus ${bus.bus}`).toBeLessThanOrEqual(5.001e-3);
    expect(await band(bus.bus)).toBe(busViolation(bus, LIMITS) ?? "ok");
  }
  for (const branch of result.branches) {
    const text = (await page.getByTestId(`lf-loading-${branch.id}`).textContent()) ?? "";
    expect(branch.loading_percent).not.toBeNull();
    expect(Math.abs(Number.parseFloat(text) - (branch.loading_percent ?? 0)), branch.id).toBeLessThanOrEqual(
      0.05001,
    );
  }
}

/** Waits until the live load flow has computed the last edit (stale answers are dropped). */
const settled = () =>
  expect.poll(() => page.getByTestId("live-summary").textContent(), STEP).not.toContain("computing");

/** Opens the load flow's "Options" in the toolbar (a click closes it when it is open). */
async function openOptions() {
  const details = toolbar().getByTestId("load-flow-controls").locator("details");
  if ((await details.getAttribute("open")) === null) await details.locator("summary").click();
}

async function editField(element: string, name: string, value: string) {
  await page.getByTestId(`element-${element}`).click();
  await sideTab("Properties");
  await field(name).fill(value);
  await settled();
}

describe("load flow in the editor", () => {
  it("imports case9 into a new project", async () => {
    await signUp(page, stack.webUrl, {
      name: "Lena Flow",
      email: "lena@example.com",
      company: "Flow Grid Ltd",
    });
    await page.getByRole("button", { name: "New project" }).click();
    await page.getByLabel("Name").fill("WSCC 9 bus");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect.poll(() => page.getByTestId("version-status").textContent(), STEP).toContain("never saved");
    await page.getByTestId("import-file").setInputFiles({
      name: "case9.m",
      mimeType: "text/plain",
      buffer: Buffer.from(CASE9),
    });
    await page
      .getByRole("dialog", { name: "Imported case9.m" })
      .getByRole("button", { name: "Close" })
      .click();
    await page.getByTestId("bus-9").waitFor();
  });

  it("switches to Load flow: Vm, Va and loading on the diagram are the engine's", async () => {
    await toolbar().getByRole("group", { name: "Study" }).getByRole("button", { name: "Load flow" }).click();
    await expect.poll(() => busMark("9").textContent(), STEP).toMatch(/ pu ∠ /);
    await settled();
    const result = expected();
    expect(result.converged).toBe(true);
    await expectDiagramShows(result);
    expect(await page.getByTestId("load-flow-banner").count()).toBe(0);
    expect(await page.getByTestId("live-summary").textContent()).toMatch(
      /^Vm 0\.995\d–1\.0400 pu · max loading/,
    );

    const legend = page.getByTestId("colour-legend");
    expect(await legend.getAttribute("data-mode")).toBe("load_flow");
    expect(await legend.textContent()).toContain("undervoltage < 0.95 pu");
    expect(await legend.textContent()).toContain("overloaded > 100 %");

    // The results tables: a row selects its element on the diagram, a branch then shows its flows.
    await sideTab("Results");
    const panel = page.getByTestId("load-flow-panel");
    expect(await panel.getByTestId("load-flow-convergence").getAttribute("data-converged")).toBe("true");
    expect(await panel.getByTestId("load-flow-buses").locator("tbody tr").count()).toBe(9);
    await panel.locator('tr[data-bus="9"]').click();
    await expect.poll(() => page.getByTestId("bus-9").getAttribute("data-selected"), STEP).toBe("true");
    await panel.locator('tr[data-branch="br2"]').click();
    await expect.poll(() => page.getByTestId("lf-flows-br2").textContent(), STEP).toContain("at 4: P ");
    const br2 = result.branches.find((b) => b.id === "br2");
    expect(await page.getByTestId("lf-flows-br2").textContent()).toContain(
      `at 4: P ${br2?.p_from_mw.toFixed(2)} MW, Q ${br2?.q_from_mvar.toFixed(2)} Mvar`,
    );
    await page.screenshot({ path: screenshotPath("load-flow-case9") });
  });

  it("raises load5 to 300 MW: bus 5 turns to the undervoltage colour", async () => {
    expect(await band("5")).toBe("ok");
    await editField("load5", "p_mw", "300");
    const result = expected(setLoad5(300));
    const bus5 = result.buses.find((b) => b.bus === "5");
    expect(bus5?.vm_pu).toBeLessThan(LIMITS.vm_min_pu);
    await expect.poll(() => band("5"), STEP).toBe("undervoltage");
    await expectDiagramShows(result);
    const bar = await page
      .getByTestId("bus-5")
      .locator(".bus-bar")
      .evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(bar).toBe(rgb(LOAD_FLOW_COLOURS.undervoltage));
    expect(await busMark("5").getAttribute("data-band")).toBe("undervoltage");

    // A tighter band from the options form colours bus 9 too, and the legend states it.
    await openOptions();
    await page.getByLabel("Vm min").fill("0.999");
    await expect.poll(() => band("9"), STEP).toBe("undervoltage");
    expect(await page.getByTestId("colour-legend").textContent()).toContain("undervoltage < 0.999 pu");
    await page.getByLabel("Vm min").fill("1.2");
    await expect
      .poll(
        () => toolbar().getByTestId("load-flow-options").locator(".field-error").first().textContent(),
        STEP,
      )
      .toContain("vm_min_pu must be below vm_max_pu");
    await page.getByLabel("Vm min").fill("0.95");
    await expect.poll(() => band("9"), STEP).toBe("ok");
  });

  it("1500 MW does not converge: a banner with the iterations and the final mismatch", async () => {
    await editField("load5", "p_mw", "1500");
    const result = expected(setLoad5(1500));
    expect(result.converged).toBe(false);
    const banner = page.getByTestId("load-flow-not-converged");
    await expect
      .poll(() => banner.textContent(), STEP)
      .toContain(`(${result.outcome}) after ${result.iterations} iterations`);
    expect(await banner.textContent()).toContain(
      `final mismatch ${result.mismatch_pu.at(-1)?.toExponential(2)} pu`,
    );
    expect(await page.getByTestId("live-summary").textContent()).toBe("not converged");
    // The last iterate's figures stay, without violation colours: they are not a solution.
    expect(await band("5")).toBe("none");
    expect(await page.getByTestId("lf-branch-br2").getAttribute("data-band")).toBe("none");
    await page.screenshot({ path: screenshotPath("load-flow-not-converged") });

    // Back to a solvable load: the banner goes.
    await editField("load5", "p_mw", "90");
    await expect.poll(() => page.getByTestId("load-flow-banner").count(), STEP).toBe(0);
  });

  it("takes br4 out of service: bus 3 is an unsupplied island, greyed, and the rest is solved", async () => {
    // Selected from its row in the results (on the diagram br7's symbol lies over it).
    await sideTab("Results");
    await page.getByTestId("load-flow-branches").locator('tr[data-branch="br4"]').click();
    await sideTab("Properties");
    await field("in_service").uncheck();
    await settled();
    const result = expected((doc) => {
      const br4 = doc.lines?.find((l) => l.id === "br4");
      if (br4) br4.in_service = false;
    });
    expect(result.buses.find((b) => b.bus === "3")?.type).toBe("unsupplied");
    await expect.poll(() => busMark("3").getAttribute("data-type"), STEP).toBe("unsupplied");
    expect(await busMark("3").textContent()).toBe("unsupplied");
    expect(await page.getByTestId("bus-3").getAttribute("class")).toContain("lf-unsupplied");
    expect(await page.getByTestId("load-flow-unsupplied").textContent()).toContain(": 3.");
    await expectDiagramShows(result);
  });

  it("keeps the study and its options with the project after a reload", async () => {
    await openOptions();
    await page.getByLabel("Loading max").fill("50");
    await expect
      .poll(() => page.getByTestId("colour-legend").textContent(), STEP)
      .toContain("overloaded > 50 %");
    const dialog = await saveVersion(page, "case9 with br4 out");
    await expect.poll(() => dialog.isVisible(), STEP).toBe(false);
    await page.reload();
    await page.getByTestId("bus-9").waitFor();
    const study = toolbar().getByRole("group", { name: "Study" });
    expect(await study.getByRole("button", { name: "Load flow" }).getAttribute("aria-pressed")).toBe("true");
    await expect.poll(() => busMark("3").getAttribute("data-type"), STEP).toBe("unsupplied");
    expect(await page.getByTestId("colour-legend").textContent()).toContain("overloaded > 50 %");
    // Back to the short circuit: the Ik'' badges replace the load flow's marks.
    await study.getByRole("button", { name: "Short circuit" }).click();
    await expect.poll(() => page.getByTestId("ik-9").textContent(), STEP).toMatch(/kA$/);
    expect(await busMark("9").count()).toBe(0);
  });
});

/** "#2563eb" → "rgb(37, 99, 235)", as getComputedStyle reports colours. */
function rgb(hex: string): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
}
