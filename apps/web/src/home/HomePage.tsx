import { Link, Navigate } from "react-router";
import { useSession } from "../auth/useSession.ts";
import { EngineStatus } from "./EngineStatus.tsx";
import { HealthPanel } from "./HealthPanel.tsx";

/** Logged in: straight to the projects. Otherwise: what AmpFlux is, the system status, and the way in. */
export function HomePage() {
  const session = useSession();
  if (session.data) return <Navigate to="/projects" replace />;
  return (
    <main className="page narrow">
      <header className="hero">
        <h1>AmpFlux</h1>
        <p className="muted">Short-circuit studies per IEC 60909, in the browser.</p>
        <p className="hero-actions">
          <Link className="button primary" to="/signup">
            Create an account
          </Link>
          <Link className="button" to="/login">
            Log in
          </Link>
        </p>
      </header>
      <HealthPanel />
      <EngineStatus />
    </main>
  );
}
