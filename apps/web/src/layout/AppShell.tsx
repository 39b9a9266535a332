import { Outlet } from "react-router";
import { NavBar } from "./NavBar.tsx";

export function AppShell() {
  return (
    <div className="shell">
      <NavBar />
      <Outlet />
    </div>
  );
}
