import { readFileSync } from "node:fs";
import { DUTY_CSV_COLUMNS, switchTypeValuesSchema } from "@ampflux/contracts";
import { ratedSwitchboard } from "@ampflux/contracts/testing";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { screenshotPath } from "./browser.ts";
import { type Stack, startStack } from "./stack.ts";
import {
  editorToolbar,
  licenseBatchStudies,
  runBatchStudy,
  STEP,
  saveVersion,
  signUp,
  storyInSteps,
  wire,
} from "./story.ts";

// Duty in the browser: the built web app → real api → Postgres, the engine in the page's worker.
// The network is contracts' `ratedSwitchboard`: a 20 kV board "mv" fed from a 5000 MVA 110 kV grid
// through T1 (63 MVA, uk 12 %, ukr 1.2 %); breaker Q1 is the built-in "CB 24 kV 16 kA (IEC 62271-100)".
//
// Hand calculation, IEC 60909-0:2016, far from generators (Ib = I''k, §9.1.1), c_max = 1.1 (Table 1):
//   grid at 20 kV:  Z_Q = c·Un²/S''kQ · (20/110)² = 1.1 · 110² / 5000 · 0.0331 = 0.088 Ω    (eq. 10)
//   T1:             Z_T = uk·Ur²/Sr = 0.12 · 20² / 63 = 0.762 Ω; x_T ≈ 0.12
//                   K_T = 0.95 · c_max / (1 + 0.6 · x_T) = 0.975, Z_TK = 0.743 Ω           (eq. 12a)
//   I''k(mv) = c·Un / (√3 · (Z_Q + Z_TK)) = 1.1 · 20 / (√3 · 0.831) = 15.3 kA
//   → Q1 breaking duty 15.3 / 16 = 96 %: warning (90–100 %).
// A second, identical T2 in parallel halves Z_TK:
//   I''k(mv) = 22 / (√3 · (0.088 + 0.371)) = 27.7 kA → 173 %: overdutied.

const story = storyInSteps({ failureShot: "duty-failure", start: () => startStack({ worker: true }) });
let page: Page;
let stack: Stack;
beforeAll(() => {
  ({ page, stack } = story);
});

const toolbar = () => editorToolbar(page);
const sideTab = (name: string) => page.getByRole("tab", { name }).click();
const versionStatus = () => page.getByTestId("version-status").textContent();
const properties = () => page.getByTestId("properties");
const field = (name: string) => properties().locator(`[data-field="${name}"]`);
const dutyRow = (element: string, check: string) =>
  page.getByTestId("duty-table").locator(`tr[data-element="${element}"][data-check="${check}"]`);
/** Q1's breaking duty in percent, as the Duty tab shows it. */
const q1Percent = async () =>
  Number.parseFloat((await dutyRow("Q1", "breaking_sym").locator("td").nth(4).textContent()) ?? "");
const ikss = async (bus: string) =>
  Number.parseFloat((await page.getByTestId(`ik-${bus}`).textContent()) ?? "");
/** Waits until the live study has computed the last edit (stale answers are dropped, so this is it). */
const settled = () =>
  expect.poll(() => page.getByTestId("live-summary").textContent(), STEP).not.toContain("computing");
const diagramDuty = (id: string) => page.getByTestId(`element-${id}`).getAttribute("data-duty");

async function saveAndClose(message: string) {
  const dialog = await saveVersion(page, message);
  await expect.poll(() => dialog.isVisible(), STEP).toBe(false);
}

describe("duty in the browser", () => {
  it("opens the rated switchboard in a new project", async () => {
    await signUp(page, stack.webUrl, {
      name: "Dora Duty",
      email: "dora@example.com",
      company: "Switchgear Ltd",
    });
    await page.getByRole("button", { name: "New project" }).click();
    await page.getByLabel("Name").fill("Rated switchboard");
    await page.getByRole("button", { name: "Create project" }).click();
    await expect.poll(versionStatus, STEP).toContain("never saved");

    await page.getByTestId("import-file").setInputFiles({
      name: "rated-switchboard.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(ratedSwitchboard)),
    });
    await page
      .getByRole("dialog", { name: "Imported rated-switchboard.json" })
      .getByRole("button", { name: "Close" })
      .click();
    await expect.poll(() => page.getByTestId("ik-mv").textContent(), STEP).toMatch(/kA$/);
    // The hand calculation above: 15.3 kA at the board.
    expect(await ikss("mv")).toBeGreaterThan(15.0);
    expect(await ikss("mv")).toBeLessThan(15.6);
  });

  it("turns duty on: Q1 is a warning in the Duty tab and on the diagram", async () => {
    await toolbar().getByRole("checkbox", { name: "Duty" }).check();
    await sideTab("Duty");
    await expect.poll(() => dutyRow("Q1", "breaking_sym").getAttribute("data-status"), STEP).toBe("warning");
    const percent = await q1Percent();
    expect(percent).toBeGreaterThan(94);
    expect(percent).toBeLessThan(98);
    await expect.poll(() => diagramDuty("Q1"), STEP).toBe("warning");
    expect(await page.getByTestId("element-Q1").textContent()).toContain("closed · 16 kA");
    expect(await page.getByTestId("duty-Q1").textContent()).toMatch(/^9\d % warning$/);
    const legend = page.getByTestId("colour-legend");
    expect(await legend.getAttribute("data-mode")).toBe("duty");
    expect(await legend.textContent()).toContain("overdutied > 100 %");
    expect(await page.getByTestId("duty-summary").textContent()).toMatch(/\d+ check\(s\): 0 overdutied/);

    // Worst first, missing ratings visible (not hidden) at the end.
    const statuses = await page
      .getByTestId("duty-table")
      .locator("tbody tr")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-status")));
    expect(statuses[0]).toBe("warning");
    // The status filter narrows the rows to warnings.
    await page
      .getByRole("group", { name: "Filter by status" })
      .getByRole("button", { name: /^warning/ })
      .click();
    await expect
      .poll(
        () => page.getByTestId("duty-table").locator('tbody tr:not([data-status="warning"])').count(),
        STEP,
      )
      .toBe(0);
    await page
      .getByRole("group", { name: "Filter by status" })
      .getByRole("button", { name: /^warning/ })
      .click();

    // The I''k colouring is still there.
    await legend.getByLabel("Colour the diagram by").selectOption("current");
    await expect.poll(() => diagramDuty("Q1"), STEP).toBe(null);
    await legend.getByLabel("Colour the diagram by").selectOption("duty");
    await expect.poll(() => diagramDuty("Q1"), STEP).toBe("warning");
    await page.screenshot({ path: screenshotPath("duty-warning") });
  });

  it("adds a parallel transformer T2 in the editor: Q1 becomes overdutied", async () => {
    const diagram = await page.getByTestId("diagram").boundingBox();
    const t1 = await page.getByTestId("element-T1").boundingBox();
    if (!diagram || !t1) throw new Error("the diagram is not visible");
    await page.getByTestId("palette-transformers").dragTo(page.getByTestId("diagram"), {
      targetPosition: { x: t1.x - diagram.x + t1.width / 2 + 170, y: t1.y - diagram.y + t1.height / 2 },
    });
    await page.getByTestId("element-T2").waitFor();
    await wire(page, "T2", "hv_bus", "hv");
    await wire(page, "T2", "lv_bus", "mv");

    // T1's data, typed into the properties panel (the new transformer starts as a 20/0.4 kV unit).
    await page.getByTestId("element-T2").click();
    await sideTab("Properties");
    for (const [name, value] of [
      ["sn_mva", "63"],
      ["vn_hv_kv", "110"],
      ["vn_lv_kv", "20"],
      ["vk_percent", "12"],
      ["vkr_percent", "1.2"],
      ["vk0_percent", ""],
      ["vkr0_percent", ""],
      ["shift_degree", "0"],
      ["vector_group", ""],
    ] as const)
      await field(name).fill(value);
    await expect.poll(() => properties().locator(".field-error").count(), STEP).toBe(0);
    // The hand calculation above: 27.7 kA at the board with both transformers.
    await settled();
    expect(await ikss("mv")).toBeGreaterThan(27.2);
    expect(await ikss("mv")).toBeLessThan(28.2);

    await sideTab("Duty");
    await expect
      .poll(() => dutyRow("Q1", "breaking_sym").getAttribute("data-status"), STEP)
      .toBe("overdutied");
    const percent = await q1Percent();
    expect(percent).toBeGreaterThan(168);
    expect(percent).toBeLessThan(178);
    await expect.poll(() => diagramDuty("Q1"), STEP).toBe("overdutied");
    expect(await page.getByTestId("duty-table").locator("tbody tr").first().getAttribute("data-status")).toBe(
      "overdutied",
    );
    await page.screenshot({ path: screenshotPath("duty-overdutied") });
  });

  it("keeps it after saving and reloading the page", async () => {
    await saveAndClose("parallel transformer T2");
    await expect.poll(versionStatus, STEP).toBe("version 1");
    await page.reload();
    await expect.poll(versionStatus, STEP).toBe("version 1");
    await expect.poll(() => page.getByTestId("element-T2").count(), STEP).toBe(1);
    expect(await toolbar().getByRole("checkbox", { name: "Duty" }).isChecked()).toBe(true);
    await expect.poll(() => diagramDuty("Q1"), STEP).toBe("overdutied");
    await sideTab("Duty");
    await expect
      .poll(() => dutyRow("Q1", "breaking_sym").getAttribute("data-status"), STEP)
      .toBe("overdutied");

    // The CSV download: the contract's duty columns, worst first.
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Download duty CSV" }).click();
    const csv = readFileSync(await (await download).path(), "utf8").split("\n");
    expect(csv[0]).toMatch(/^# IEC 60909-0:2016, fault 3ph, case max, .*duty current bus$/);
    expect(csv[1]).toBe(DUTY_CSV_COLUMNS.join(","));
    expect(csv.find((line) => line.startsWith("Q1,switch,circuit_breaker,breaking_sym,mv,"))).toMatch(
      /,kA,17\d\.\d+,overdutied,/,
    );
  });

  it("checks Q1 with the current through it: on a radial feeder that is the whole fault current", async () => {
    const atBus = await q1Percent();
    await toolbar().getByText("Options").click();
    await page.getByTestId("study-options").getByLabel("Duty current").selectOption("through");
    await expect
      .poll(() => page.getByTestId("duty-panel").locator("h3").textContent(), STEP)
      .toContain("current through the device");
    await settled();
    // No source lies beyond Q1 (L1 feeds f1 only), so a fault just past it draws all of mv's current through it.
    expect(Math.abs((await q1Percent()) - atBus)).toBeLessThan(0.2);
    await page.getByTestId("study-options").getByLabel("Duty current").selectOption("bus");
    await toolbar().getByText("Options").click();
  });

  it("picks a bigger breaker from the type library and marks a field that differs from it", async () => {
    await page.getByTestId("element-Q1").click();
    await sideTab("Properties");
    await properties().locator('[data-field="type"]').selectOption("CB 36 kV 40 kA (IEC 62271-100)");
    await expect.poll(() => field("breaking_ka").inputValue(), STEP).toBe("40");
    expect(await properties().locator(".tag.overridden").count()).toBe(0);
    // 27.7 kA / 40 kA = 69 %.
    await expect.poll(() => diagramDuty("Q1"), STEP).toBe("ok");
    expect(await page.getByTestId("element-Q1").textContent()).toContain("closed · 40 kA");

    // A value of its own is marked as overriding the type; cleared, the type's value shows through.
    await field("making_ka").fill("80");
    await expect
      .poll(() => properties().locator('[data-prop="making_ka"] .tag.overridden').count(), STEP)
      .toBe(1);
    await field("making_ka").fill("");
    await expect.poll(() => field("making_ka").getAttribute("placeholder"), STEP).toBe("100 (type)");
    expect(await properties().locator(".tag.overridden").count()).toBe(0);

    // Without the type nothing fills it: a missing rating, in the panel and as a Duty row.
    await properties().locator('[data-field="type"]').selectOption("");
    await expect.poll(() => field("making_ka").getAttribute("placeholder"), STEP).toBe("missing rating");
    expect(await field("breaking_ka").inputValue()).toBe("40");
    await sideTab("Duty");
    await expect.poll(() => dutyRow("Q1", "making").getAttribute("data-status"), STEP).toBe("missing rating");
    await expect.poll(() => diagramDuty("Q1"), STEP).toBe("missing rating");
  });

  it("saves Q1's values as a company type (an admin), which the picker then offers and keeps after reload", async () => {
    await page.getByTestId("element-Q1").click();
    await sideTab("Properties");
    await field("making_ka").fill("100");
    await properties().getByText("Save as company type…").click();
    await properties().getByLabel("Type name").fill("CB 36 kV 40 kA site standard");
    await properties().getByLabel("Source").fill("site switchgear schedule rev. B");
    await properties().getByRole("button", { name: "Save type" }).click();
    const picker = properties().locator('[data-field="type"]');
    await expect
      .poll(() => picker.locator("option:checked").textContent(), STEP)
      .toBe("CB 36 kV 40 kA site standard");
    expect(await picker.locator('optgroup[label="Company types"] option').allTextContents()).toEqual([
      "CB 36 kV 40 kA site standard",
    ]);
    expect(await properties().textContent()).toContain("Source: site switchgear schedule rev. B");
    // A second type of the same name is refused beside the name field.
    await properties().getByLabel("Type name").fill("CB 36 kV 40 kA site standard");
    await properties().getByRole("button", { name: "Save type" }).click();
    await expect
      .poll(() => properties().locator(".save-type [role=alert]").textContent(), STEP)
      .toContain("already has a switch type named");

    await sideTab("Duty");
    await expect.poll(() => diagramDuty("Q1"), STEP).toBe("ok");
    await saveAndClose("Q1 to the site standard breaker");
    await page.reload();
    await page.getByTestId("element-Q1").click();
    await sideTab("Properties");
    await expect
      .poll(() => properties().locator('[data-field="type"] option:checked').textContent(), STEP)
      .toBe("CB 36 kV 40 kA site standard");
    expect(await properties().locator(".field-error").count()).toBe(0);
    await expect.poll(() => diagramDuty("Q1"), STEP).toBe("ok");

    // The version diff names the type change.
    await sideTab("Versions");
    await page
      .getByTestId("history")
      .locator('li[data-version="1"]')
      .getByRole("button", { name: "Compare" })
      .click();
    await expect
      .poll(() => page.getByTestId("type-change-Q1").textContent(), STEP)
      .toBe("type CB 24 kV 16 kA (IEC 62271-100) → CB 36 kV 40 kA site standard");
    await page.getByTestId("diff-banner").getByRole("button", { name: "Close" }).click();
  });

  it("shows the engine's refusal next to the option: duty needs the maximum case", async () => {
    await page.getByRole("button", { name: "min", exact: true }).click();
    await expect
      .poll(() => toolbar().getByRole("alert").textContent(), STEP)
      .toBe('duty is evaluated with maximum currents: use case "max"');
    await page.getByRole("button", { name: "max", exact: true }).click();
    await expect.poll(() => toolbar().getByRole("alert").count(), STEP).toBe(0);

    await toolbar().getByText("Options").click();
    await toolbar().getByLabel("tmin").fill("20");
    await expect
      .poll(() => page.getByTestId("study-options").getByRole("alert").textContent(), STEP)
      .toMatch(/10/);
    expect(await toolbar().locator(".study-options summary").textContent()).toBe("Options (1 refused)");
    // Closed again: the open options reach down over the side panel's tabs.
    await toolbar().locator(".study-options summary").click();
    // The properties panel shows the network's study options with the same message, and edits them.
    await page.getByTestId("version-status").click();
    await page.keyboard.press("Escape");
    await sideTab("Properties");
    const panelOptions = page.getByRole("region", { name: "Study options" });
    await expect.poll(() => panelOptions.getByLabel("tmin").inputValue(), STEP).toBe("20");
    expect(await panelOptions.getByRole("alert").textContent()).toMatch(/10/);
    await panelOptions.getByLabel("tmin").fill("0.1");
    await expect.poll(() => page.getByTestId("study-options").getByRole("alert").count(), STEP).toBe(0);
    // The toolbar's field follows the shared options a render later: polled like the rest.
    await expect.poll(() => toolbar().getByLabel("tmin").inputValue(), STEP).toBe("0.1");
  });

  it("runs a batch study with duty on the worker and shows the stored worst duty per check", async () => {
    const liveQ1 = await (async () => {
      await sideTab("Duty");
      return q1Percent();
    })();
    await licenseBatchStudies();
    const detail = await runBatchStudy(page, () => page.getByLabel("Evaluate equipment duty").check());
    const stored = detail.getByTestId("stored-duty");
    const row = stored.locator('tr[data-element="Q1"][data-check="breaking_sym"]');
    await expect.poll(() => row.getAttribute("data-status"), STEP).toBe("ok");
    // Duty takes the maximum case only; no outage was chosen, so the worst is on the base network.
    expect(await row.getByTestId("duty-where").textContent()).toMatch(
      /^worst: (3ph|1ph|2ph|2ph_earth) max, base network$/,
    );
    // The sweep includes the live study's 3-phase fault: its worst is at least that.
    const batchQ1 = Number.parseFloat((await row.locator("td").nth(4).textContent()) ?? "");
    expect(batchQ1).toBeGreaterThanOrEqual(liveQ1 - 0.05);
    await page.screenshot({ path: screenshotPath("duty-batch") });
  });

  it("lets the company admin rename the company type; the editor's picker follows", async () => {
    await page.getByRole("link", { name: "Company" }).click();
    const library = page.getByTestId("type-library");
    const row = library.locator('tr[data-type="CB 36 kV 40 kA site standard"]');
    expect(await row.textContent()).toContain("breaking_ka 40");
    await row.getByLabel("Name of CB 36 kV 40 kA site standard").fill("CB 36 kV 40 kA plant standard");
    await row.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(() => library.locator('tr[data-type="CB 36 kV 40 kA plant standard"]').count(), STEP)
      .toBe(1);

    await page.getByRole("link", { name: "Projects" }).click();
    await page.getByRole("link", { name: "Rated switchboard" }).click();
    await page.getByTestId("element-Q1").click();
    await sideTab("Properties");
    await expect
      .poll(() => properties().locator('[data-field="type"] option:checked').textContent(), STEP)
      .toBe("CB 36 kV 40 kA plant standard");
  });

  it("lets the admin delete the type: Q1 keeps its values and is still studied, its reference flagged", async () => {
    await page.getByRole("link", { name: "Company" }).click();
    const library = page.getByTestId("type-library");
    await library
      .locator('tr[data-type="CB 36 kV 40 kA plant standard"]')
      .getByRole("button", { name: "Delete" })
      .click();
    await expect.poll(() => library.textContent(), STEP).toContain("No company types yet.");

    await page.getByRole("link", { name: "Projects" }).click();
    await page.getByRole("link", { name: "Rated switchboard" }).click();
    await page.getByTestId("element-Q1").click();
    await sideTab("Properties");
    await expect
      .poll(() => properties().locator('[data-field="type"] option:checked').textContent(), STEP)
      .toMatch(/\(unknown\)$/);
    expect(await properties().locator(".type-picker .field-warning").textContent()).toContain(
      "unknown switch type",
    );
    expect(await field("breaking_ka").inputValue()).toBe("40");
    await expect.poll(() => diagramDuty("Q1"), STEP).toBe("ok");
  });

  it("lets the admin create a switch type from scratch and edit its values; a bad value is refused beside its field", async () => {
    await page.getByRole("link", { name: "Company" }).click();
    const library = page.getByTestId("type-library");
    const form = library.getByTestId("new-type");
    await form.getByText("New company type…").click();
    await form.getByLabel("Kind", { exact: true }).selectOption("switch");
    await form.getByLabel("Type name", { exact: true }).fill("CB 24 kV 25 kA feeder");
    await form.getByLabel("Source", { exact: true }).fill("feeder breaker datasheet");
    // The properties panel's fields: its labels and units, here for a type's values.
    await form.locator('[data-field="kind"]').selectOption("circuit_breaker");
    await form.locator('[data-field="breaking_ka"]').fill("25");
    expect(await form.locator('[data-prop="breaking_ka"] .unit').textContent()).toBe("kA");
    expect(await form.locator('[data-prop="breaking_ka"] label').textContent()).toBe("Breaking Isc / Icu");
    await form.getByRole("button", { name: "Create type" }).click();
    const created = library.locator('tr[data-type="CB 24 kV 25 kA feeder"]');
    await expect.poll(() => created.count(), STEP).toBe(1);
    expect(await created.getByTestId("type-values").textContent()).toContain("breaking_ka 25");
    expect(await created.getByTestId("type-values").textContent()).toContain("kind circuit_breaker");

    // The api refuses a second switch type of that name; its message shows beside the name field.
    await form.getByLabel("Type name", { exact: true }).fill("CB 24 kV 25 kA feeder");
    await form.locator('[data-field="breaking_ka"]').fill("25");
    await form.getByRole("button", { name: "Create type" }).click();
    await expect
      .poll(() => form.locator(".prop.invalid [role=alert]").textContent(), STEP)
      .toBe('your company already has a switch type named "CB 24 kV 25 kA feeder"');

    // Editing the values: −1 kA is refused beside breaking_ka with the contract's own message.
    await created.getByText("Edit values").click();
    const breaking = created.locator('[data-field="breaking_ka"]');
    expect(await breaking.inputValue()).toBe("25");
    await breaking.fill("-1");
    const refusal = switchTypeValuesSchema.safeParse({ breaking_ka: -1 }).error?.issues[0]?.message;
    expect(refusal).toBeTruthy();
    await expect
      .poll(() => created.locator('[data-prop="breaking_ka"] [role=alert]').textContent(), STEP)
      .toBe(refusal);
    expect(await breaking.getAttribute("aria-invalid")).toBe("true");
    await page.screenshot({ path: screenshotPath("type-library-edit"), fullPage: true });
    expect(await created.getByRole("button", { name: "Save" }).isDisabled()).toBe(true);
    await breaking.fill("31.5");
    await expect.poll(() => created.locator('[data-prop="breaking_ka"] [role=alert]').count(), STEP).toBe(0);
    await created.getByLabel("Name of CB 24 kV 25 kA feeder").fill("CB 24 kV 31.5 kA feeder");
    await created.getByRole("button", { name: "Save" }).click();
    const edited = library.locator('tr[data-type="CB 24 kV 31.5 kA feeder"]');
    await expect
      .poll(() => edited.getByTestId("type-values").textContent(), STEP)
      .toContain("breaking_ka 31.5");

    // The editor's picker offers the edited type with its edited values.
    await page.getByRole("link", { name: "Projects" }).click();
    await page.getByRole("link", { name: "Rated switchboard" }).click();
    await page.getByTestId("element-Q1").click();
    await sideTab("Duty");
    await settled();
    const percentAt40 = await q1Percent();
    await sideTab("Properties");
    const picker = properties().locator('[data-field="type"]');
    await expect
      .poll(() => picker.locator('optgroup[label="Company types"] option').allTextContents(), STEP)
      .toEqual(["CB 24 kV 31.5 kA feeder"]);
    await picker.selectOption("CB 24 kV 31.5 kA feeder");
    await expect.poll(() => field("breaking_ka").inputValue(), STEP).toBe("31.5");
    // Same fault current, smaller rating: duty scales by 40 / 31.5.
    await sideTab("Duty");
    await settled();
    expect(await q1Percent()).toBeCloseTo((percentAt40 * 40) / 31.5, 0);
  });
});
