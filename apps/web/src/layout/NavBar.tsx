import { NavLink } from "react-router";
import { LogOutButton } from "../auth/LogOutButton.tsx";
import { useSession } from "../auth/useSession.ts";
import { NotificationsMenu } from "../notifications/NotificationsMenu.tsx";

export function NavBar() {
  const session = useSession();
  const user = session.data?.user;
  return (
    <header className="navbar">
      <NavLink to="/" className="brand">
        <img src="/favicon.svg" alt="" width={22} height={22} />
        AmpFlux
      </NavLink>
      {user && (
        <nav aria-label="Main">
          <NavLink to="/projects">Projects</NavLink>
          {user.role === "company_admin" && <NavLink to="/admin">Company</NavLink>}
          <NavLink to="/account">Account</NavLink>
        </nav>
      )}
      <div className="navbar-end">
        {user ? (
          <>
            <NotificationsMenu />
            <span className="muted" data-testid="current-user">
              {user.name} · {session.data?.company?.name}
            </span>
            <LogOutButton />
          </>
        ) : (
          <>
            <NavLink to="/login">Log in</NavLink>
            <NavLink to="/signup">Sign up</NavLink>
          </>
        )}
      </div>
    </header>
  );
}
