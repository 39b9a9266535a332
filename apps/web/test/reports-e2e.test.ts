import { execFileSync } from "node:child_process";
import { ratedSwitchboard } from "@ampflux/contracts/testing";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
} from "./story.ts";

// Study reports in the browser (issue 20): the built web app → real api → Postgres, the real
// worker rendering the report (generate_report). Rita prepares a study of contracts'
// `ratedSwitchboard`, her colleague Carl checks it (one person signs one role:
// docs/reports-lifecycle.md), then a change to the network outdates the report.

const story = storyInSteps({ failureShot: "reports-failure", start: () => startStack({ worker: true }) });
let page: Page;
let stack: Stack;
let carlContext: BrowserContext | undefined;
let carl: Page;
beforeAll(() => {
  ({ page, stack } = story);
});
afterAll(async () => {
  await carlContext?.close();
});

const PROJECT = "Report board";
const RITA = { name: "Rita Reporter", email: "rita@reports-e2e.example", company: "Report Works" };
const CARL = { name: "Carl Checker", email: "carl@reports-e2e.example" };
/** Rendering a report (PDF with fonts, diagram layout) takes a few seconds on a shared machine. */
const RENDER = { timeout: 60_000 };

const reportCard = (p: Page) => p.getByTestId("report").first();
const reportStatus = (p: Page) => reportCard(p).getByTestId("progress-status").textContent();
/** Waits until the list (not only the live progress) has the rendered report. */
const rendered = (p: Page) =>
  expect.poll(() => reportCard(p).getAttribute("data-status"), RENDER).toBe("done");

async function openProject(p: Page, tab: string) {
  await p.getByRole("link", { name: "Projects" }).click();
  await p.getByRole("link", { name: PROJECT }).click();
  await p.getByRole("link", { name: tab, exact: true }).click();
}

describe("study reports in the browser", () => {
  it("imports the rated switchboard, saves it and runs a stored study on the worker", async () => {
    await signUp(page, stack.webUrl, RITA);
    await page.getByRole("button", { name: "New project" }).click();
    await page.getByLabel("Name").fill(PROJECT);
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByTestId("import-file").setInputFiles({
      name: "rated-switchboard.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(ratedSwitchboard)),
    });
    await page
      .getByRole("dialog", { name: "Imported rated-switchboard.json" })
      .getByRole("button", { name: "Close" })
      .click();
    const dialog = await saveVersion(page, "rated switchboard");
    await expect.poll(() => dialog.isVisible(), STEP).toBe(false);
    await expect.poll(() => page.getByTestId("version-status").textContent(), STEP).toBe("version 1");

    await licenseBatchStudies();
    const detail = await runBatchStudy(page, () => page.getByLabel("Evaluate equipment duty").check());
    // A finished study offers its report right there.
    await expect.poll(() => detail.getByText("Report of this study…").count(), STEP).toBe(1);
  });

  it("generates a report on the Reports page and follows its progress until done", async () => {
    await page.getByRole("link", { name: "Reports", exact: true }).click();
    await expect.poll(() => page.getByTestId("report-list").textContent(), STEP).toContain("No reports yet");
    const form = page.getByTestId("generate-report");
    // Only the succeeded study is offered (the placeholder and one study).
    await expect.poll(() => form.getByLabel("Study").locator("option").count(), STEP).toBe(2);
    await form.getByLabel("Study").selectOption({ index: 1 });
    await form.getByLabel("Paper").selectOption("A4");
    await form.getByRole("button", { name: "Generate report" }).click();

    const card = reportCard(page);
    await card.waitFor();
    // The live progress bar first (queued or running), then done at 100 %.
    expect(await card.getByRole("progressbar").count()).toBe(1);
    await expect.poll(() => reportStatus(page), RENDER).toBe("done");
    expect(await card.getByRole("progressbar").getAttribute("aria-valuenow")).toBe("100");
    await rendered(page);
    expect(await card.textContent()).toContain(`Created by ${RITA.name}`);
    expect(await card.textContent()).toContain("Batch study · v1");
    expect(await card.getByTestId("report-size").textContent()).toMatch(/^\d+(\.\d+)? (kB|MB)$/);
    expect(await card.getAttribute("data-outdated")).toBe("false");
    expect(await card.getByTestId("outdated").count()).toBe(0);
  });

  it("downloads the PDF, which pdftotext reads: sections, project, version, hash, approval pending", async () => {
    const card = reportCard(page);
    const download = page.waitForEvent("download");
    await card.getByRole("button", { name: "Download PDF" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^report-v1-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.pdf$/);
    const text = execFileSync("/usr/bin/pdftotext", ["-layout", await file.path(), "-"], {
      encoding: "utf8",
    });
    // Section titles of the report (packages/reports), as the api's worker test reads them.
    for (const title of ["Inputs", "One-line diagram", "Results per bus", "Methods", "Approval"])
      expect(text).toContain(title);
    // Cover: project · network name (the imported document's) and the saved version.
    expect(text).toContain(`${PROJECT} · Rated switchboard version 1`);
    expect(text).toContain(`Author                          ${RITA.name} <${RITA.email}>`);
    // The footer carries the content hash the page shows.
    expect(text).toContain(await card.getByTestId("content-hash").textContent());
    expect(text).toMatch(/prepared\s+pending/);

    // The HTML rendering, in a sandboxed frame.
    await card.getByRole("button", { name: "View HTML" }).click();
    const frame = page.frameLocator('[data-testid="report-html"]');
    await expect.poll(() => frame.locator("body").textContent(), STEP).toContain("Rated switchboard");
    expect(await card.getByTestId("report-html").getAttribute("sandbox")).toBe("");
    await card.getByRole("button", { name: "Hide HTML" }).click();
  });

  it("signs as prepared; one person cannot also check", async () => {
    const card = reportCard(page);
    expect(await card.getByRole("button", { name: "Sign as checked" }).count()).toBe(0);
    await card.getByRole("button", { name: "Sign as prepared" }).click();
    await expect.poll(() => card.getByTestId("signed-prepared").textContent(), STEP).toContain(RITA.name);
    // The signature is rendered into the documents; the page follows the re-rendering to done.
    await rendered(page);
    const approvals = card.getByTestId("approvals");
    expect(await approvals.locator('tr[data-role="checked"]').textContent()).toContain(
      'another person (you signed "prepared")',
    );
    expect(await approvals.getByRole("button").count()).toBe(0);
  });

  it("invites Carl, adds him as an editor, and he signs as checked", async () => {
    await page.getByRole("link", { name: "Company" }).click();
    await page.getByLabel("Invite by email").fill(CARL.email);
    await page.getByRole("button", { name: "Invite" }).click();
    const link = await page.getByRole("status").locator("code").textContent();
    expect(link).toContain("/signup?invite=");

    carlContext = await story.browser.newContext({ viewport: { width: 1440, height: 900 } });
    carlContext.setDefaultTimeout(STEP.timeout);
    carl = await carlContext.newPage();
    await carl.goto(link ?? "");
    await carl.getByLabel("Your name").fill(CARL.name);
    await carl.getByLabel("Email").fill(CARL.email);
    await carl.getByLabel("Password").fill("another long passphrase");
    await carl.getByRole("button", { name: "Create account" }).click();
    await carl.getByRole("heading", { name: "Projects" }).waitFor();

    await openProject(page, "Members");
    await page.getByLabel("User", { exact: true }).selectOption({ label: `${CARL.name} (${CARL.email})` });
    await page.getByLabel("Role", { exact: true }).selectOption("editor");
    await page.getByRole("button", { name: "Add" }).click();
    await expect.poll(() => page.getByRole("table").textContent(), STEP).toContain(CARL.email);

    await carl.reload();
    await openProject(carl, "Reports");
    const card = reportCard(carl);
    await expect.poll(() => card.getByTestId("signed-prepared").textContent(), STEP).toContain(RITA.name);
    await card.getByRole("button", { name: "Sign as checked" }).click();
    await expect.poll(() => card.getByTestId("signed-checked").textContent(), STEP).toContain(CARL.name);
    await rendered(carl);

    // The re-rendered PDF names both signers.
    const download = carl.waitForEvent("download");
    await card.getByRole("button", { name: "Download PDF" }).click();
    const text = execFileSync("/usr/bin/pdftotext", ["-layout", await (await download).path(), "-"], {
      encoding: "utf8",
    });
    expect(text).toMatch(new RegExp(`prepared\\s+${RITA.name}`));
    expect(text).toMatch(new RegExp(`checked\\s+${CARL.name}`));
    expect(text).toMatch(/approved\s+pending/);
  });

  it("shows the report outdated after Rita changes the network and saves version 2", async () => {
    await openProject(page, "Editor");
    await expect.poll(() => page.getByTestId("version-status").textContent(), STEP).toBe("version 1");
    await page.getByTestId("element-T1").click();
    await page.getByRole("tab", { name: "Properties" }).click();
    await page.getByTestId("properties").locator('[data-field="sn_mva"]').fill("80");
    await expect.poll(() => page.getByTestId("version-status").textContent(), STEP).toContain("unsaved");
    const dialog = await saveVersion(page, "T1 uprated to 80 MVA");
    await expect.poll(() => dialog.isVisible(), STEP).toBe(false);
    await expect.poll(() => page.getByTestId("version-status").textContent(), STEP).toBe("version 2");
    expect(await editorToolbar(page).count()).toBe(1);

    await page.getByRole("link", { name: "Reports", exact: true }).click();
    const card = reportCard(page);
    await expect.poll(() => card.getAttribute("data-outdated"), STEP).toBe("true");
    expect(await card.getByTestId("outdated").textContent()).toBe("outdated");
    expect(await card.getByTestId("outdated").getAttribute("title")).toContain("version 2");
    // An outdated report is not offered for signing.
    expect(await card.locator('tr[data-role="approved"]').textContent()).toContain(
      "outdated: generate a new report to sign",
    );
    await page.screenshot({ path: screenshotPath("reports-outdated"), fullPage: true });
  });
});
