import type { ReportApprovalRole } from "@ampflux/contracts";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useSession } from "../auth/useSession.ts";
import { formatDate } from "../lib/format.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { type ReportForSigning, roleStates } from "./approvals.ts";

/** Prepared / checked / approved: each signer and time, or the button of the role the user may sign now. */
export function ApprovalBlock({
  projectId,
  reportId,
  report,
  canEdit,
}: {
  projectId: string;
  reportId: string;
  report: ReportForSigning;
  canEdit: boolean;
}) {
  const queryClient = useQueryClient();
  const session = useSession();
  const approve = useMutation(
    trpc.reports.approve.mutationOptions({
      onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() }),
    }),
  );
  const userId = session.data?.user.id ?? "";
  const sign = (role: ReportApprovalRole) => approve.mutate({ projectId, reportId, role });
  return (
    <div className="stack approvals" data-testid="approvals">
      <table className="compact">
        <tbody>
          {roleStates(report, { id: userId, canEdit }).map(({ role, state }) => (
            <tr key={role} data-role={role} data-state={state.kind}>
              <th scope="row">{role}</th>
              <td>
                {state.kind === "signed" ? (
                  <span data-testid={`signed-${role}`}>
                    {state.signature.userName} · {formatDate(state.signature.signedAt)}
                  </span>
                ) : state.kind === "can-sign" ? (
                  <button
                    type="button"
                    className="small"
                    disabled={approve.isPending}
                    onClick={() => sign(role)}
                  >
                    Sign as {role}
                  </button>
                ) : (
                  <span className="muted small">{state.reason}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.immutable && <span className="badge">approved · immutable</span>}
      <ErrorMessage error={approve.error} />
    </div>
  );
}
