import { mvFeeder } from "@ampflux/contracts/testing";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { screenshotPath } from "./browser.ts";
import { type Stack, startStack } from "./stack.ts";
import { STEP, signUp, storyInSteps } from "./story.ts";

// Issue 23 in headless Chromium against the real stack: a selected fault bus shows each branch's
// current on the diagram (kA, an arrow toward the fault) and clearing the selection removes them;
// an invalid value is worded with the element and the field's label and unit, the element is
// marked on the diagram and the live study names what it leaves out.

const story = storyInSteps({ failureShot: "editor-words-failure", start: () => startStack() });
let page: Page;
let stack: Stack;
beforeAll(() => {
  ({ page, stack } = story);
});

/** mvFeeder with a second 20 kV grid (200 MVA, R/X 0.1) at the line's far end "end": fed from both sides. */
const FED_FROM_BOTH_ENDS = {
  ...mvFeeder,
  name: "Fed from both ends",
  external_grids: [
    ...mvFeeder.external_grids,
    { id: "far", bus: "end", s_sc_max_mva: 200, s_sc_min_mva: 150, rx_max: 0.1, rx_min: 0.1 },
  ],
};

/**
 * For a 3ph fault at "mv", the far grid's contribution through line L, by hand (IEC 60909-0):
 * Z_Q = c·Un²/S''kQ with R/X 0.1 (eq. 6), in series with the 5 km line (0.2 + j0.35 Ω/km);
 * "end" has no other path, so I''k through L = c·Un / (√3·|Z_Q + Z_L|) with c = 1.1.
 */
function farGridThroughLineKa(): number {
  const c = 1.1;
  const zq = (c * 20 * 20) / 200;
  const xq = zq / Math.sqrt(1.01);
  return (c * 20) / (Math.sqrt(3) * Math.hypot(0.1 * xq + 5 * 0.2, xq + 5 * 0.35));
}

const label = (branch: string, bus: string) => page.getByTestId(`branch-current-${branch}-${bus}`);
const kaOf = async (branch: string, bus: string) =>
  Number.parseFloat((await label(branch, bus).textContent())?.replace(/[^\d.]/g, "") ?? "");

describe("branch currents on the diagram and errors in words", () => {
  it("opens a project with a feeder fed from both ends", async () => {
    const suffix = Math.random().toString(36).slice(2, 8);
    await signUp(page, stack.webUrl, {
      name: "Wendy Words",
      email: `wendy-${suffix}@example.com`,
      company: `Words ${suffix}`,
    });
    await page.getByRole("button", { name: "New project" }).click();
    await page.getByLabel("Name").fill(`Words ${suffix}`);
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByTestId("import-file").setInputFiles({
      name: "feeder.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(FED_FROM_BOTH_ENDS)),
    });
    await page
      .getByRole("dialog", { name: "Imported feeder.json" })
      .getByRole("button", { name: "Close" })
      .click();
    await page.getByTestId("bus-end").waitFor();
  });

  it("a fault bus selected in the results shows each branch's current toward it on the diagram", async () => {
    await page.getByRole("tab", { name: "Results" }).click();
    await page.getByTestId("results-table").locator('tr[data-bus="mv"] button.link-button').first().click();
    await expect.poll(() => label("L", "end").count(), STEP).toBe(1);
    // Toward "mv" from both sides: into T at "hv" and out of it at "mv"; into L at "end", out at "mv".
    expect(await label("T", "hv").getAttribute("data-direction")).toBe("into-branch");
    expect(await label("T", "mv").getAttribute("data-direction")).toBe("into-bus");
    expect(await label("L", "end").getAttribute("data-direction")).toBe("into-branch");
    expect(await label("L", "mv").getAttribute("data-direction")).toBe("into-bus");
    expect(await kaOf("L", "end")).toBeCloseTo(farGridThroughLineKa(), 2);
    // The same numbers as the table's rows (one study feeds both).
    const row = page.getByTestId("branch-currents").locator('tr[data-branch="L"][data-end="end"]');
    expect(Number.parseFloat((await row.locator("td").nth(2).textContent()) ?? "")).toBe(
      await kaOf("L", "end"),
    );
    expect(await page.getByTestId("branch-currents-note").textContent()).toMatch(/^Fault at mv: /);
    await page.screenshot({ path: screenshotPath("editor-branch-currents") });
  });

  it("selecting another bus on the diagram turns the line's arrows around; clearing removes them", async () => {
    await page.getByTestId("bus-end").click();
    await expect.poll(() => label("L", "mv").getAttribute("data-direction"), STEP).toBe("into-branch");
    expect(await label("L", "end").getAttribute("data-direction")).toBe("into-bus");
    // The arrow points along the wire: from the bus bar into the branch at "mv".
    const bus = await page.getByTestId("bus-mv").boundingBox();
    const arrow = await label("L", "mv").locator(".branch-current-arrow").textContent();
    const line = await page.getByTestId("element-L").boundingBox();
    expect(arrow).toBe((bus?.y ?? 0) < (line?.y ?? 0) ? "↓" : "↑");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.locator(".branch-current").count(), STEP).toBe(0);
    expect(await page.getByTestId("branch-currents-note").count()).toBe(0);
  });

  it("an invalid value is worded with the element and the field's label, marked and named as left out", async () => {
    await page.getByRole("tab", { name: "Properties" }).click();
    await page.getByTestId("element-L").click();
    const length = page.getByTestId("properties").locator('[data-field="length_km"]');
    await length.fill("-1");
    await length.press("Tab");
    await expect
      .poll(() => page.getByTestId("properties").locator(".field-error").first().textContent(), STEP)
      .toBe("must be > 0.000001");
    await expect.poll(() => page.getByTestId("element-L").getAttribute("class"), STEP).toMatch(/\binvalid\b/);
    await page.getByRole("tab", { name: "Results" }).click();
    await expect
      .poll(() => page.getByTestId("live-status").textContent(), STEP)
      .toMatch(/Left out until connected and valid: L\.$/);
    // With nothing selected, the Properties tab's error list words it in full.
    await page.keyboard.press("Escape");
    await page.getByRole("tab", { name: "Properties" }).click();
    await expect
      .poll(() => page.getByRole("region", { name: "Errors" }).locator("li").first().textContent(), STEP)
      .toBe("line L: Length (km): must be > 0.000001");
  });
});
