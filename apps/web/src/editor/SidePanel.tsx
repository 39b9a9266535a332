import { useFeature } from "../features/useFeatures.ts";

export type SideTab = "properties" | "results" | "duty" | "arc_flash" | "versions" | "assistant";

const TABS: Array<{ id: SideTab; label: string }> = [
  { id: "properties", label: "Properties" },
  { id: "results", label: "Results" },
  { id: "duty", label: "Duty" },
  { id: "arc_flash", label: "Arc flash" },
  { id: "versions", label: "Versions" },
  { id: "assistant", label: "Assistant" },
];

export function SidePanel({
  tab,
  onTab,
  children,
}: {
  tab: SideTab;
  onTab(t: SideTab): void;
  children: React.ReactNode;
}) {
  const assistant = useFeature("ai_assistant");
  const tabs = TABS.filter((t) => t.id !== "assistant" || assistant);
  return (
    <aside className="side-panel">
      <div className="side-tabs" role="tablist" aria-label="Editor panels">
        {tabs.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-selected={tab === t.id}
            aria-controls="side-panel-content"
            className={tab === t.id ? "active" : undefined}
            onClick={() => onTab(t.id)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div className="side-content" role="tabpanel" id="side-panel-content" aria-labelledby={`tab-${tab}`}>
        {children}
      </div>
    </aside>
  );
}
