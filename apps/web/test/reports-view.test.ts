import { REPORT_APPROVAL_ROLES } from "@ampflux/contracts";
import { describe, expect, it } from "vitest";
import { type ReportForSigning, roleStates, type SignatureView } from "../src/reports/approvals.ts";
import {
  bytesOfBase64,
  creatorName,
  errorText,
  formatSize,
  isReportFinished,
  textOfBase64,
} from "../src/reports/report-view.ts";
import { reportableStudies } from "../src/reports/studies.ts";

// What the Reports page offers: the signing rules of docs/reports-lifecycle.md (Approval) as the
// buttons it shows — the api enforces them; these tests check the page offers only what it accepts.

const ADA = { id: "ada", canEdit: true };
const BOB = { id: "bob", canEdit: true };
const signed = (role: SignatureView["role"], userId: string): SignatureView => ({
  role,
  userId,
  userName: userId,
  signedAt: "2026-12-02T10:00:00Z",
});
const report = (extra: Partial<ReportForSigning> = {}): ReportForSigning => ({
  status: "done",
  size: 120_000,
  outdated: false,
  immutable: false,
  approvals: [],
  ...extra,
});
const kinds = (r: ReportForSigning, user: { id: string; canEdit: boolean }) =>
  roleStates(r, user).map((s) => s.state.kind);

describe("who may sign which role", () => {
  it("lists the roles in signing order", () => {
    expect(roleStates(report(), ADA).map((s) => s.role)).toEqual([...REPORT_APPROVAL_ROLES]);
    expect(REPORT_APPROVAL_ROLES).toEqual(["prepared", "checked", "approved"]);
  });

  it("offers only the next role: prepared first, the others wait for the one before", () => {
    const states = roleStates(report(), ADA);
    expect(states.map((s) => s.state.kind)).toEqual(["can-sign", "waiting", "waiting"]);
    expect(states[1]?.state).toEqual({ kind: "waiting", reason: 'after "prepared"' });
  });

  it("shows the signer of a signed role and offers checked to a second person only (four-eyes)", () => {
    const prepared = report({ approvals: [signed("prepared", "ada")] });
    const states = roleStates(prepared, ADA);
    expect(states[0]?.state).toMatchObject({ kind: "signed", signature: { userName: "ada" } });
    expect(states[1]?.state).toEqual({ kind: "waiting", reason: 'another person (you signed "prepared")' });
    expect(kinds(prepared, BOB)).toEqual(["signed", "can-sign", "waiting"]);
  });

  it("offers nothing on an outdated report, one not generated yet, or to a viewer", () => {
    expect(kinds(report({ outdated: true }), ADA)).toEqual(["waiting", "waiting", "waiting"]);
    expect(roleStates(report({ outdated: true }), ADA)[0]?.state).toEqual({
      kind: "waiting",
      reason: "outdated: generate a new report to sign",
    });
    expect(roleStates(report({ status: "running", size: null }), ADA)[0]?.state).toEqual({
      kind: "waiting",
      reason: "once the report is generated",
    });
    expect(roleStates(report(), { id: "vera", canEdit: false })[0]?.state).toEqual({
      kind: "waiting",
      reason: "an editor or owner of the project signs",
    });
  });

  it("still offers a role while a signature is being rendered in (the previous PDF exists)", () => {
    const rerendering = report({ status: "queued", approvals: [signed("prepared", "ada")] });
    expect(kinds(rerendering, BOB)).toEqual(["signed", "can-sign", "waiting"]);
  });

  it("shows all three signers once approved", () => {
    const done = report({
      immutable: true,
      approvals: [signed("prepared", "ada"), signed("checked", "bob"), signed("approved", "cy")],
    });
    expect(kinds(done, { id: "dan", canEdit: true })).toEqual(["signed", "signed", "signed"]);
  });
});

describe("report details", () => {
  it("knows which statuses are final (REPORT_STATUSES: queued → running → done | failed)", () => {
    expect(["queued", "running", "done", "failed"].map(isReportFinished)).toEqual([false, false, true, true]);
  });

  it("writes sizes in decimal units", () => {
    expect(formatSize(null)).toBe("–");
    expect(formatSize(999)).toBe("999 B");
    expect(formatSize(123_456)).toBe("123.5 kB");
    expect(formatSize(20_000_000)).toBe("20.00 MB");
  });

  it("decodes the base64 documents of reports.download byte for byte", () => {
    // "%PDF-1.7\n" and a byte above 0x7f, as Buffer (the api's encoder) writes them.
    const pdf = Uint8Array.from([...Buffer.from("%PDF-1.7\n"), 0xe2, 0xe3]);
    expect(bytesOfBase64(Buffer.from(pdf).toString("base64"))).toEqual(pdf);
    expect(textOfBase64(Buffer.from("<p>I″k 15.3 kA · Ω</p>", "utf8").toString("base64"))).toBe(
      "<p>I″k 15.3 kA · Ω</p>",
    );
  });

  it("names the creator from the members, or says they left", () => {
    const members = [{ userId: "ada", name: "Ada Author" }];
    expect(creatorName("ada", members)).toBe("Ada Author");
    expect(creatorName("zed", members)).toBe("a former member");
    expect(creatorName(null, members)).toBe("a deleted user");
  });

  it("shows a failed report's error as a sentence", () => {
    expect(errorText("study has no result")).toBe("study has no result");
    const failure = { message: "render failed", step: "pdf" };
    expect(errorText(failure)).toBe("render failed");
    expect(errorText(null)).toBe("unknown error");
  });

  it("offers only succeeded studies to report on", () => {
    const at = "2026-12-02T09:00:00Z";
    const studies = reportableStudies([
      { id: "a", kind: "batch_study", version: 2, status: "succeeded", createdAt: at },
      { id: "b", kind: "short_circuit", version: 1, status: "failed", createdAt: at },
      { id: "c", kind: "short_circuit", version: 1, status: "running", createdAt: at },
    ]);
    expect(studies.map((s) => s.id)).toEqual(["a"]);
    expect(studies[0]?.label).toMatch(/^Batch study · v2 · /);
  });
});
