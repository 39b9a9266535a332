import { Outlet } from "react-router";
import { DeletionBanner } from "../lifecycle/DeletionBanner.tsx";
import { NavBar } from "./NavBar.tsx";
import { VerifyEmailBanner } from "./VerifyEmailBanner.tsx";

export function AppShell() {
  return (
    <div className="shell">
      <NavBar />
      <VerifyEmailBanner />
      <DeletionBanner />
      <Outlet />
    </div>
  );
}
