import { Route, Routes } from "react-router";
import { AccountPage } from "./account/AccountPage.tsx";
import { AdminPage } from "./admin/AdminPage.tsx";
import { ForgotPasswordPage } from "./auth/ForgotPasswordPage.tsx";
import { LoginPage } from "./auth/LoginPage.tsx";
import { RequireAuth } from "./auth/RequireAuth.tsx";
import { ResetPasswordPage } from "./auth/ResetPasswordPage.tsx";
import { SignUpPage } from "./auth/SignUpPage.tsx";
import { VerifyEmailPage } from "./auth/VerifyEmailPage.tsx";
import { EditorPage } from "./editor/EditorPage.tsx";
import { HomePage } from "./home/HomePage.tsx";
import { AppShell } from "./layout/AppShell.tsx";
import { NotFound } from "./layout/NotFound.tsx";
import { MembersPage } from "./projects/MembersPage.tsx";
import { ProjectLayout } from "./projects/ProjectLayout.tsx";
import { ProjectsPage } from "./projects/ProjectsPage.tsx";
import { ReportsPage } from "./reports/ReportsPage.tsx";
import { SimulationsPage } from "./simulations/SimulationsPage.tsx";

const authed = (page: React.ReactNode, admin = false) => <RequireAuth admin={admin}>{page}</RequireAuth>;

export function App() {
  return (
    <Routes>
      <Route element={<AppShell />}>
        <Route index element={<HomePage />} />
        <Route path="login" element={<LoginPage />} />
        <Route path="signup" element={<SignUpPage />} />
        <Route path="forgot-password" element={<ForgotPasswordPage />} />
        <Route path="reset-password" element={<ResetPasswordPage />} />
        <Route path="verify-email" element={<VerifyEmailPage />} />
        <Route path="projects" element={authed(<ProjectsPage />)} />
        <Route path="projects/:projectId" element={authed(<ProjectLayout />)}>
          <Route index element={<EditorPage />} />
          <Route path="simulations" element={<SimulationsPage />} />
          <Route path="reports" element={<ReportsPage />} />
          <Route path="members" element={<MembersPage />} />
        </Route>
        <Route path="account" element={authed(<AccountPage />)} />
        <Route path="admin" element={authed(<AdminPage />, true)} />
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
