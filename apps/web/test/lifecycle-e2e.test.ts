import { readFile } from "node:fs/promises";
import { mvFeeder, ratedSwitchboard } from "@ampflux/contracts/testing";
import { createDb } from "@ampflux/db";
import { loadWorkerSettings, type RunningWorker, startWorker } from "@ampflux/worker";
import { strFromU8, unzipSync } from "fflate";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type Stack, startStack } from "./stack.ts";
import { STEP, saveVersion, signUp, storyInSteps } from "./story.ts";

// Account lifecycle in the browser (issue 27; docs/accounts-lifecycle.md): the built web app →
// real api → Postgres, and the real worker building the company export and purging the company.
// The api has no grace period (COMPANY_DELETION_GRACE_DAYS=0), so a scheduled deletion is due at
// once: the worker is stopped while the deletion is requested and cancelled, and started again
// to purge it.

const story = storyInSteps({
  failureShot: "lifecycle-failure",
  start: () => startStack({ apiEnv: { COMPANY_DELETION_GRACE_DAYS: "0" } }),
});
let page: Page;
let stack: Stack;
let worker: RunningWorker | undefined;
const db = createDb(inject("databaseUrl"));
beforeAll(() => {
  ({ page, stack } = story);
});
afterAll(async () => {
  await worker?.stop();
  await db.close();
});

const ADA = { name: "Ada Admin", email: "ada@lifecycle-e2e.example", company: "Lifecycle Grid Ltd" };
const PROJECT = "Lifecycle feeder";
const WORKER = { timeout: 45_000 };

const runWorker = async () => {
  worker = await startWorker(
    loadWorkerSettings({ DATABASE_URL: inject("databaseUrl"), WORKER_CONCURRENCY: "1", LOG_LEVEL: "error" }),
  );
};
const stopWorker = async () => {
  await worker?.stop();
  worker = undefined;
};

async function importAndSave(name: string, document: unknown, message: string) {
  await page.getByTestId("import-file").setInputFiles({
    name,
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(document)),
  });
  await page
    .getByRole("dialog", { name: `Imported ${name}` })
    .getByRole("button", { name: "Close" })
    .click();
  const dialog = await saveVersion(page, message);
  await expect.poll(() => dialog.isVisible(), STEP).toBe(false);
}

const banner = () => page.getByTestId("deletion-banner");
const companyId = async () => {
  const row = await db.db.query.companies.findFirst({ where: (c, { eq }) => eq(c.name, ADA.company) });
  if (!row) throw new Error("the company is not in the database");
  return row.id;
};

async function requestDeletion() {
  const panel = page.locator("#delete-company");
  await panel.getByLabel("Your password").fill("correct horse battery");
  const remove = panel.getByRole("button", { name: "Delete company" });
  // The button waits for the company's name, typed exactly.
  await panel.getByLabel(`Type "${ADA.company}" to confirm`).fill("Lifecycle");
  expect(await remove.isDisabled()).toBe(true);
  await panel.getByLabel(`Type "${ADA.company}" to confirm`).fill(ADA.company);
  await remove.click();
  await panel.getByTestId("deletion-pending").waitFor();
}

describe("account lifecycle in the browser", () => {
  it("signs up and saves two versions of a project", async () => {
    await signUp(page, stack.webUrl, ADA);
    await page.getByRole("button", { name: "New project" }).click();
    await page.getByLabel("Name").fill(PROJECT);
    await page.getByRole("button", { name: "Create project" }).click();
    await importAndSave("mv-feeder.json", mvFeeder, "the feeder");
    await expect.poll(() => page.getByTestId("version-status").textContent(), STEP).toBe("version 1");
    await importAndSave("rated-switchboard.json", ratedSwitchboard, "the switchboard");
    await expect.poll(() => page.getByTestId("version-status").textContent(), STEP).toBe("version 2");
  });

  it("exports the company on the worker and downloads a zip holding both versions", async () => {
    await runWorker();
    await page.getByRole("link", { name: "Company" }).click();
    const panel = page.getByTestId("exports-company");
    // Every panel of the page loaded first: one still loading would move the button as it is clicked.
    await panel.getByText("No exports yet.").waitFor();
    await expect.poll(() => page.locator('[aria-busy="true"]').count(), STEP).toBe(0);
    await panel.getByRole("button", { name: "Export company" }).click();
    const item = panel.getByTestId("export").first();
    await expect.poll(() => item.getAttribute("data-status"), WORKER).toBe("done");
    const download = page.waitForEvent("download");
    await item.getByRole("link", { name: /^Download/ }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^ampflux-company-\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.zip$/);
    const files = unzipSync(new Uint8Array(await readFile(await file.path())));
    const manifest = JSON.parse(strFromU8(files["manifest.json"] ?? new Uint8Array()));
    expect(manifest.company.name).toBe(ADA.company);
    expect(manifest.projects).toEqual([expect.objectContaining({ name: PROJECT, versions: 2 })]);
    const folder = manifest.projects[0].folder;
    const version = (n: number) =>
      JSON.parse(strFromU8(files[`${folder}/versions/v${n}.ampflux.json`] ?? new Uint8Array()));
    expect(version(1).name).toBe(mvFeeder.name);
    expect(version(2).name).toBe(ratedSwitchboard.name);
    expect(files[`${folder}/versions/v1.m`]).toBeDefined();
    await stopWorker();
  });

  it("requests the deletion: every page shows the banner; the admin cancels it", async () => {
    await requestDeletion();
    await banner().waitFor();
    expect(await banner().textContent()).toContain(`${ADA.company} will be deleted with all its data on`);
    // Users still work meanwhile: the banner follows them to their projects and account.
    await page.getByRole("link", { name: "Projects" }).click();
    await page.getByRole("link", { name: PROJECT }).waitFor();
    expect(await banner().isVisible()).toBe(true);
    await page.getByRole("link", { name: "Account" }).click();
    await page.getByTestId("exports-user").getByRole("button", { name: "Export my data" }).waitFor();

    await banner().getByRole("link", { name: "cancel the deletion" }).click();
    await page.locator("#delete-company").getByRole("button", { name: "Cancel deletion" }).click();
    await expect.poll(() => banner().count(), STEP).toBe(0);
    await page.locator("#delete-company").getByRole("button", { name: "Delete company" }).waitFor();
  });

  it("requests it again; the worker purges the company (no grace period) and keeps its audit in a tombstone", async () => {
    await requestDeletion();
    await banner().waitFor();
    const id = await companyId();
    await runWorker();
    await expect
      .poll(() => db.db.query.companies.findFirst({ where: (c, { eq }) => eq(c.id, id) }), WORKER)
      .toBeUndefined();
    const tombstone = await db.db.query.companyTombstones.findFirst({
      where: (t, { eq }) => eq(t.companyId, id),
    });
    expect(tombstone).toMatchObject({ name: ADA.company, deletionRequestedBy: ADA.email });
    expect(tombstone?.counts).toMatchObject({ users: 1, projects: 1, circuitVersions: 2 });
    const actions = tombstone?.auditLog.map((row) => row.action) ?? [];
    expect(actions).toEqual(
      expect.arrayContaining([
        "export.company.request",
        "export.company.download",
        "company.deletion_request",
        "company.deletion_cancel",
        "company.purge",
      ]),
    );
    expect(actions.filter((a) => a === "company.deletion_request")).toHaveLength(2);
    // The session went with the company: the app asks to log in again.
    await page.reload();
    await page.waitForURL(/\/login\?next=/, STEP);
    expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(0);
  });
});
