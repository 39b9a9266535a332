import { AuditLogPanel } from "./AuditLogPanel.tsx";
import { UsersPanel } from "./UsersPanel.tsx";

export function AdminPage() {
  return (
    <main className="page">
      <h1>Company administration</h1>
      <UsersPanel />
      <AuditLogPanel />
    </main>
  );
}
