import { Link } from "react-router";
import { useSession } from "../auth/useSession.ts";
import { formatDate } from "../lib/format.ts";
import { useCompanyLifecycle } from "./useCompanyLifecycle.ts";

/** On every page while the company's deletion is pending: when, and what each user can still do. */
export function DeletionBanner() {
  const session = useSession();
  const lifecycle = useCompanyLifecycle();
  const pending = lifecycle.data?.deletionScheduledFor;
  if (!pending) return null;
  return (
    <div className="alert banner" role="alert" data-testid="deletion-banner">
      <span>
        <strong>{lifecycle.data?.name}</strong> will be deleted with all its data on {formatDate(pending)}
        {lifecycle.data?.deletionRequestedBy && ` (requested by ${lifecycle.data.deletionRequestedBy})`}.{" "}
        <Link to="/account">Export your data</Link> before then.
        {session.data?.user?.role === "company_admin" && (
          <>
            {" "}
            A company admin can <Link to="/admin#delete-company">cancel the deletion</Link>.
          </>
        )}
      </span>
    </div>
  );
}
