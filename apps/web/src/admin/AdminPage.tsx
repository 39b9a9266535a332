import { TwoFactorRequirementPanel } from "../account/TwoFactorRequirementPanel.tsx";
import { SsoSettingsPanel } from "../auth/SsoSettingsPanel.tsx";
import { DeleteCompanyPanel } from "../lifecycle/DeleteCompanyPanel.tsx";
import { ExportsPanel } from "../lifecycle/ExportsPanel.tsx";
import { AccountSettingsPanel } from "./AccountSettingsPanel.tsx";
import { AuditLogPanel } from "./AuditLogPanel.tsx";
import { FeaturesPanel } from "./FeaturesPanel.tsx";
import { TypeLibraryPanel } from "./TypeLibraryPanel.tsx";
import { UsersPanel } from "./UsersPanel.tsx";

export function AdminPage() {
  return (
    <main className="page">
      <h1>Company administration</h1>
      <UsersPanel />
      <TwoFactorRequirementPanel />
      <SsoSettingsPanel />
      <AccountSettingsPanel />
      <FeaturesPanel />
      <TypeLibraryPanel />
      <AuditLogPanel />
      <ExportsPanel kind="company" />
      <DeleteCompanyPanel />
    </main>
  );
}
