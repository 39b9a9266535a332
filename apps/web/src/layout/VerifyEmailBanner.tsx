import { Link, useLocation } from "react-router";
import { useSession } from "../auth/useSession.ts";

/** Reminds a logged-in user with an unverified address, on every page but the ones that resolve it. */
export function VerifyEmailBanner() {
  const user = useSession().data?.user;
  const { pathname } = useLocation();
  if (!user || user.emailVerifiedAt || pathname === "/account" || pathname === "/verify-email") return null;
  return (
    <p className="verify-banner" role="note">
      Please confirm your email address {user.email}: open the link we emailed you, or{" "}
      <Link to="/account">send it again</Link>. Until then your company may limit what you can do.
    </p>
  );
}
