import { describe, expect, it } from "vitest";
import { accountEmailMessage } from "../src/email/account-message.ts";

const APP = "https://ampflux.example";

describe("account emails", () => {
  it("links a reset to the web app's reset page, with its lifetime", () => {
    const mail = accountEmailMessage(
      { kind: "password_reset", to: "ada@example.com", name: "Ada", token: "abcdefghijklmnop234567" },
      APP,
    );
    expect(mail.to).toBe("ada@example.com");
    expect(mail.subject).toBe("Reset your AmpFlux password");
    expect(mail.text).toContain(`${APP}/reset-password?token=abcdefghijklmnop234567\n`);
    expect(mail.text).toContain("30 minutes");
    expect(mail.text.startsWith("Hello Ada,\n")).toBe(true);
  });

  it("sends sign-up and change-of-address links to the verify page", () => {
    for (const kind of ["verify_email", "change_email"] as const) {
      const mail = accountEmailMessage(
        { kind, to: "new@example.com", name: "Ada", token: "tok234567abcdefgh" },
        APP,
      );
      expect(mail.text).toContain(`${APP}/verify-email?token=tok234567abcdefgh`);
      expect(mail.text).toContain("24 hours");
    }
  });

  it("tells the old address of a change, with no link", () => {
    const mail = accountEmailMessage(
      { kind: "email_changed", to: "old@example.com", name: "Ada", newEmail: "new@example.com" },
      APP,
    );
    expect(mail.to).toBe("old@example.com");
    expect(mail.text).toContain("now new@example.com");
    expect(mail.text).not.toContain("token=");
  });
});
