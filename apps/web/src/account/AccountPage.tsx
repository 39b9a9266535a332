import { useSession } from "../auth/useSession.ts";
import { ExportsPanel } from "../lifecycle/ExportsPanel.tsx";
import { ApiKeysPanel } from "./ApiKeysPanel.tsx";
import { ChangePasswordForm } from "./ChangePasswordForm.tsx";
import { EmailPanel } from "./EmailPanel.tsx";
import { SessionsPanel } from "./SessionsPanel.tsx";
import { TwoFactorPanel } from "./TwoFactorPanel.tsx";

export function AccountPage() {
  const session = useSession();
  const user = session.data?.user;
  return (
    <main className="page">
      <h1>Account</h1>
      {user && (
        <p className="muted">
          {user.name} · {user.email} · {user.role === "company_admin" ? "company admin" : "user"} at{" "}
          {session.data?.company?.name}
        </p>
      )}
      <div className="grid-2">
        <EmailPanel />
        <ChangePasswordForm />
        <TwoFactorPanel />
      </div>
      <SessionsPanel />
      <ApiKeysPanel />
      <ExportsPanel kind="user" />
    </main>
  );
}
