import { Outlet } from "react-router";
import { DeletionBanner } from "../lifecycle/DeletionBanner.tsx";
import { NavBar } from "./NavBar.tsx";

export function AppShell() {
  return (
    <div className="shell">
      <NavBar />
      <DeletionBanner />
      <Outlet />
    </div>
  );
}
