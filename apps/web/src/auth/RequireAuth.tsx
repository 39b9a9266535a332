import { Navigate, useLocation } from "react-router";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { Loading } from "../ui/Loading.tsx";
import { useSession } from "./useSession.ts";

/** Renders its children for a logged-in user; sends others to the login page and back. */
export function RequireAuth({ admin = false, children }: { admin?: boolean; children: React.ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.isPending) return <Loading label="Checking your session…" />;
  if (session.isError) return <ErrorMessage error={session.error} />;
  if (!session.data) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  // A company that requires two-factor: its users without it may only enrol (the api agrees).
  const { user, company } = session.data;
  if (company.requireTwoFactor && !user.twoFactorEnabled && location.pathname !== "/account")
    return <Navigate to="/account" replace />;
  if (admin && session.data.user.role !== "company_admin")
    return <ErrorMessage error={new Error("Only company admins can open this page.")} />;
  return children;
}
