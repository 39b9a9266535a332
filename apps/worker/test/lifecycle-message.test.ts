import { describe, expect, it } from "vitest";
import { notificationEmail } from "../src/email/message.ts";

// The emails of the account lifecycle's notifications (docs/accounts-lifecycle.md): no project
// to link to, so each kind links to where the user follows it up.

const ADA = { email: "ada@example.com", name: "Ada" };
const APP = "https://ampflux.example";

describe("lifecycle notification emails", () => {
  it("sends the requester of a finished export to the Account page", () => {
    const mail = notificationEmail(
      {
        kind: "export_ready",
        title: "Your data export is ready",
        body: "Download it before …",
        projectId: null,
      },
      ADA,
      null,
      APP,
    );
    expect(mail).toMatchObject({ to: ADA.email, subject: "Your data export is ready" });
    expect(mail.text).toContain("Download it from your Account page: https://ampflux.example/account\n");
    expect(mail.text).not.toContain("/projects/");
  });

  it("tells every user of a scheduled deletion and links to the app, where the banner is", () => {
    const mail = notificationEmail(
      {
        kind: "company_deletion_scheduled",
        title: "Grid Ltd will be deleted",
        body: "Ada asked to delete the company and all its data on 2027-01-01 10:00 UTC.",
        projectId: null,
      },
      { email: "bob@example.com", name: "Bob" },
      null,
      APP,
    );
    expect(mail.text).toMatch(/^Hello Bob,\n\nGrid Ltd will be deleted\.\nAda asked to delete/);
    expect(mail.text).toContain("Open AmpFlux: https://ampflux.example/\n");
  });

  it("keeps the study link for study notifications", () => {
    const mail = notificationEmail(
      { kind: "study_succeeded", title: "Batch study succeeded", body: "ready", projectId: "p-1" },
      ADA,
      "Substation",
      APP,
    );
    expect(mail.text).toContain(
      "Open the project's studies: https://ampflux.example/projects/p-1/simulations",
    );
  });
});
