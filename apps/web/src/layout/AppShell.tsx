import { Outlet } from "react-router";
import { NavBar } from "./NavBar.tsx";
import { VerifyEmailBanner } from "./VerifyEmailBanner.tsx";

export function AppShell() {
  return (
    <div className="shell">
      <NavBar />
      <VerifyEmailBanner />
      <Outlet />
    </div>
  );
}
