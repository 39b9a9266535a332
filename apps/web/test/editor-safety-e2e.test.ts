import type { Dialog, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { screenshotPath } from "./browser.ts";
import { type Stack, startStack } from "./stack.ts";
import { editorToolbar, STEP, saveVersion, signUp, storyInSteps } from "./story.ts";

// No lost work and settings that stay, in headless Chromium against the real stack: leaving the
// editor with unsaved edits asks first, a reload offers the kept draft back and restores it, the
// study settings are saved with the project (a reload in a browser without local copies shows
// them) and the minimum case is labelled min.

const story = storyInSteps({ failureShot: "editor-safety-failure", start: () => startStack() });
let page: Page;
let stack: Stack;
beforeAll(() => {
  ({ page, stack } = story);
});

/** Dialogs the page raised since the last call (the story accepts each one, as a user leaving would). */
const dialogs: Array<{ type: string; message: string }> = [];
const seen = () => dialogs.splice(0);

const versionStatus = () => page.getByTestId("version-status").textContent();
const toolbar = () => editorToolbar(page);
const draftOffer = () => page.getByTestId("draft-offer");
const networkName = () => page.getByLabel("Network name");

/** A three-bus MATPOWER case at 110 kV: a slack generator feeding two loads over lines. */
const CASE3 = `function mpc = case3
mpc.version = '2';
mpc.baseMVA = 100;
mpc.bus = [
  1 3 0 0 0 0 1 1 0 110 1 1.1 0.9;
  2 1 20 5 0 0 1 1 0 110 1 1.1 0.9;
  3 1 30 8 0 0 1 1 0 110 1 1.1 0.9;
];
mpc.gen = [
  1 50 0 100 -100 1 100 1 200 0 0 0 0 0 0 0 0 0 0 0 0;
];
mpc.branch = [
  1 2 0.01 0.05 0.02 100 100 100 0 0 1 -360 360;
  2 3 0.01 0.05 0.02 100 100 100 0 0 1 -360 360;
];
`;

describe("the editor keeps work and settings", () => {
  it("opens a new project and imports a network (unsaved)", async () => {
    page.on(
      "dialog",
      (dialog: Dialog) => void dialogs.push({ type: dialog.type(), message: dialog.message() }),
    );
    await signUp(page, stack.webUrl, { name: "Sam Safe", email: "sam@example.com", company: "Safe Grids" });
    await page.getByRole("button", { name: "New project" }).click();
    await page.getByLabel("Name").fill("Kept work");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect.poll(versionStatus, STEP).toContain("never saved");
    await page.getByTestId("import-file").setInputFiles({
      name: "case3.m",
      mimeType: "text/plain",
      buffer: Buffer.from(CASE3),
    });
    await page
      .getByRole("dialog", { name: "Imported case3.m" })
      .getByRole("button", { name: "Close" })
      .click();
    await page.getByTestId("bus-3").waitFor();
    await expect.poll(versionStatus, STEP).toContain("unsaved changes");
  });

  it("asks before leaving the editor for another page with unsaved edits", async () => {
    seen();
    await page
      .getByRole("navigation", { name: "Project" })
      .getByRole("link", { name: "Simulations" })
      .click();
    await page.waitForURL(/\/simulations$/);
    const [asked] = seen();
    expect(asked?.type).toBe("confirm");
    expect(asked?.message).toMatch(/unsaved changes\. Leave without saving\?/);
  });

  it("offers the draft when the editor is opened again, saying what it changes, and restores it", async () => {
    await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Editor" }).click();
    await expect.poll(() => draftOffer().textContent(), STEP).toMatch(/made before the first save/);
    // The import added the buses, the generator, the loads and the lines to the empty network.
    expect(await draftOffer().textContent()).toMatch(/\d+ added \(/);
    expect(await page.getByTestId("bus-3").count()).toBe(0);
    await draftOffer().getByRole("button", { name: "Restore the draft" }).click();
    await page.getByTestId("bus-3").waitFor();
    await expect.poll(versionStatus, STEP).toContain("unsaved changes");
    await closesSave("case3 imported");
  });

  it("warns before a reload with unsaved edits, and a reload offers the edit back", async () => {
    await page.keyboard.press("Escape");
    const savedName = await networkName().inputValue();
    await networkName().fill("Kept work, renamed");
    await expect.poll(versionStatus, STEP).toContain("unsaved changes");
    // The draft is kept within half a second of the edit, and on pagehide at the latest.
    await page.waitForTimeout(800);
    seen();
    await page.reload();
    expect(seen().map((d) => d.type)).toContain("beforeunload");
    await expect
      .poll(() => draftOffer().textContent(), STEP)
      .toMatch(/made on version 1\): network name changed/);
    expect(await networkName().inputValue()).toBe(savedName);
    await page.screenshot({ path: screenshotPath("editor-draft-offer") });
    await draftOffer().getByRole("button", { name: "Restore the draft" }).click();
    await expect.poll(() => networkName().inputValue(), STEP).toBe("Kept work, renamed");
    await closesSave("renamed");
    // Saved: nothing is offered any more.
    await page.reload();
    await page.getByTestId("bus-3").waitFor();
    expect(await draftOffer().count()).toBe(0);
    expect(seen().map((d) => d.type)).not.toContain("beforeunload");
  });

  it("saves the study settings with the project: a browser without local copies shows them", async () => {
    const options = toolbar().locator("details.study-options");
    await options.locator("summary").click();
    await options.getByLabel("κ method").selectOption("B");
    await options.getByLabel("LV tolerance").selectOption("6");
    const saved = page.waitForResponse((r) => r.url().includes("projects.studySettings.set") && r.ok());
    await toolbar().getByRole("button", { name: "min", exact: true }).click();
    await saved;
    // Settings saved only in this browser would vanish here.
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await page.getByTestId("bus-3").waitFor();
    const reopened = toolbar().locator("details.study-options");
    await reopened.locator("summary").click();
    expect(await reopened.getByLabel("κ method").inputValue()).toBe("B");
    expect(await reopened.getByLabel("LV tolerance").inputValue()).toBe("6");
    expect(
      await toolbar().getByRole("button", { name: "min", exact: true }).getAttribute("aria-pressed"),
    ).toBe("true");
  });

  it("labels the minimum case min: the toolbar's figure and the results table", async () => {
    await expect
      .poll(() => page.getByTestId("live-summary").textContent(), STEP)
      .toMatch(/^smallest Ik''min \d+\.\d+ kA$/);
    await page.getByRole("tab", { name: "Results" }).click();
    const table = page.getByTestId("results-table");
    await expect.poll(() => table.locator("thead").textContent(), STEP).toContain("Ik''min");
    expect(await table.locator("thead").textContent()).not.toMatch(/max/);
    // Name and Un from the document (MATPOWER's base kV).
    expect(await table.locator('tr[data-bus="3"]').textContent()).toContain("110");

    // A fault at bus 2 with one source (the generator at bus 1) and no motors: IEC 60909 neglects
    // loads and line capacitance, so by Kirchhoff all of Ik''(2) comes through br1's end at bus 1.
    await page.getByTestId("bus-2").click();
    const branches = page.getByTestId("branch-currents");
    const atBus2 = Number.parseFloat((await table.locator('tr[data-bus="2"] td').nth(3).textContent()) ?? "");
    await expect.poll(() => branches.locator('tr[data-branch="br1"]').count(), STEP).toBeGreaterThan(0);
    const br1 = branches.locator('tr[data-branch="br1"][data-end="1"]');
    const throughBr1 = Number.parseFloat((await br1.locator("td").nth(2).textContent()) ?? "");
    expect(throughBr1).toBeGreaterThan(0);
    expect(Math.abs(throughBr1 - atBus2) / atBus2).toBeLessThan(0.01);
  });

  it("refuses a taken id with the reason instead of reverting", async () => {
    await page.getByRole("tab", { name: "Properties" }).click();
    await page.getByTestId("bus-3").click();
    const id = page.getByTestId("properties").getByLabel("Element id");
    await id.fill("1");
    await id.press("Enter");
    await expect
      .poll(() => page.getByTestId("id-refusal").textContent(), STEP)
      .toMatch(/^Not renamed: 1 is already the id of bus 1/);
    expect(await id.inputValue()).toBe("1");
    await id.press("Escape");
    expect(await id.inputValue()).toBe("3");
  });

  it("compares with a version: old → new values and Ik'' at the affected bus", async () => {
    await page.getByTestId("properties").locator('[data-field="name"]').fill("Feeder end");
    await expect.poll(versionStatus, STEP).toContain("unsaved changes");
    await page.getByRole("tab", { name: "Versions" }).click();
    await page
      .getByTestId("history")
      .locator('li[data-version="2"]')
      .getByRole("button", { name: "Compare" })
      .click();
    const banner = page.getByTestId("diff-banner");
    await expect
      .poll(() => banner.getByTestId("diff-values-3").textContent(), STEP)
      .toMatch(/: – → Feeder end$/);
    // The name changes no current: the same Ik''min before and now at bus 3.
    await expect
      .poll(() => banner.getByTestId("diff-results").textContent(), STEP)
      .toMatch(/Ik''min at the affected buses, version 2 → now3: (\d+\.\d+) → \1 kA$/);
    await page.screenshot({ path: screenshotPath("editor-diff-values") });
  });
});

/** Saves a version from the toolbar and waits for the dialog to close. */
async function closesSave(message: string) {
  const dialog = await saveVersion(page, message);
  await expect.poll(() => dialog.isVisible(), STEP).toBe(false);
  await expect.poll(versionStatus, STEP).not.toContain("unsaved");
}
