import { mvFeeder, mvFeederEndIkssKa } from "@ampflux/contracts/testing";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { screenshotPath } from "./browser.ts";
import { type Stack, startStack } from "./stack.ts";
import { STEP, signUp, storyInSteps } from "./story.ts";

// "Why this number" in real Chromium: the built web app → real api, the engine in the page's
// worker. The network is contracts' mvFeeder: a 110 kV grid (3000 MVA, R/X 0.1) → T (40 MVA,
// 110/20 kV, uk 12 %, ukr 0.5 %) → bus mv → 5 km line L (0.2 + j0.35 Ω/km) → bus end.
// Hand calculation, IEC 60909-0:2016 (as packages/sim-wasm/test/iec60909-checks.test.ts):
//   c_max = 1.10 (Table 1, Un > 1 kV); Z_Q = c·Un²/S''kQ at 20 kV = 0.1467 Ω, R/X 0.1   (eq. 6)
//   K_T = 0.95·c_max/(1 + 0.6·x_T) = 0.9749; Z_TK = K_T·(0.05 + j1.1990) Ω             (eq. 12a)
//   I''k(end) = c·Un / (√3·|Z_Q + Z_TK + Z_L|) = 22 / (√3·|1.0633 + j3.0648|) = 3.915 kA (eq. 29)

const story = storyInSteps({ failureShot: "explain-failure", start: () => startStack() });
let page: Page;
let stack: Stack;
beforeAll(() => {
  ({ page, stack } = story);
});

describe("why this number in the browser", () => {
  it("opens the feeder in a new project", async () => {
    await signUp(page, stack.webUrl, { name: "Wendy Why", email: "wendy@example.com", company: "Why Ltd" });
    await page.getByRole("button", { name: "New project" }).click();
    await page.getByLabel("Name").fill("Feeder");
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByTestId("import-file").setInputFiles({
      name: "feeder.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(mvFeeder)),
    });
    await page
      .getByRole("dialog", { name: "Imported feeder.json" })
      .getByRole("button", { name: "Close" })
      .click();
    await expect.poll(() => page.getByTestId("ik-end").textContent(), STEP).toMatch(/kA$/);
  });

  it("explains bus end's I''k from a results row: the value, c and its Table 1 row, the grid's part", async () => {
    await page.getByRole("tab", { name: "Results" }).click();
    await page.getByRole("button", { name: "Why this number: bus end" }).click();
    const dialog = page.getByRole("dialog", { name: "Why this number: bus end" });
    await expect.poll(() => dialog.getByTestId("explain-ikss").count(), STEP).toBe(1);
    const shown = Number.parseFloat((await dialog.getByTestId("explain-ikss").textContent()) ?? "");
    expect(Math.abs(shown - mvFeederEndIkssKa())).toBeLessThanOrEqual(0.0005);
    expect(await dialog.getByTestId("explain-c").textContent()).toContain(
      "c = 1.10: medium and high voltage (Un > 1 kV): c_max = 1.10",
    );
    const grid = dialog.getByTestId("explain-parts").locator('tr[data-element="grid"]');
    expect(Number.parseFloat((await grid.locator("td").nth(2).textContent()) ?? "")).toBeCloseTo(
      mvFeederEndIkssKa(),
      3,
    );
    expect(await dialog.textContent()).toContain("K_T");
    await page.screenshot({ path: screenshotPath("explain-dialog") });
    await dialog.getByRole("button", { name: "Close" }).click();
    await expect.poll(() => dialog.isVisible(), STEP).toBe(false);
  });
});
