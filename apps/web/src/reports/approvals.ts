import { REPORT_APPROVAL_ROLES, type ReportApprovalRole } from "@ampflux/contracts";

// Who may sign which role of a report, as the api decides it (docs/reports-lifecycle.md):
// computed here only to offer the one button that can succeed and to say why the others are not
// there; the api still checks every rule and its refusal is shown beside the button.

export interface SignatureView {
  role: ReportApprovalRole;
  userId: string | null;
  userName: string;
  signedAt: Date | string;
}

export interface ReportForSigning {
  status: string;
  /** PDF bytes; null until the worker has rendered the report once. */
  size: number | null;
  outdated: boolean;
  immutable: boolean;
  approvals: readonly SignatureView[];
}

export type RoleState =
  | { kind: "signed"; signature: SignatureView }
  | { kind: "can-sign" }
  | { kind: "waiting"; reason: string };

/** Each role in signing order with its signature, or whether `userId` may sign it now and if not why. */
export function roleStates(
  report: ReportForSigning,
  user: { id: string; canEdit: boolean },
): Array<{ role: ReportApprovalRole; state: RoleState }> {
  const mine = report.approvals.find((s) => s.userId === user.id);
  return REPORT_APPROVAL_ROLES.map((role, index) => {
    const signature = report.approvals.find((s) => s.role === role);
    if (signature) return { role, state: { kind: "signed", signature } };
    return { role, state: whyNot(report, user, mine, REPORT_APPROVAL_ROLES[index - 1]) };
  });
}

function whyNot(
  report: ReportForSigning,
  user: { canEdit: boolean },
  mine: SignatureView | undefined,
  previous: ReportApprovalRole | undefined,
): RoleState {
  if (previous && !report.approvals.some((s) => s.role === previous))
    return { kind: "waiting", reason: `after "${previous}"` };
  if (report.size === null) return { kind: "waiting", reason: "once the report is generated" };
  if (report.outdated) return { kind: "waiting", reason: "outdated: generate a new report to sign" };
  if (!user.canEdit) return { kind: "waiting", reason: "an editor or owner of the project signs" };
  // Four-eyes: one person signs one role.
  if (mine) return { kind: "waiting", reason: `another person (you signed "${mine.role}")` };
  return { kind: "can-sign" };
}
