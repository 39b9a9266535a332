import { useEffect, useMemo, useState } from "react";
import { AssistantPanel } from "../assistant/AssistantPanel.tsx";
import { currentColour, maxCurrent, NEUTRAL_BADGE } from "../results/colour.ts";
import { DutyPanel } from "../results/DutyPanel.tsx";
import { DUTY_COLOURS, worstByElement } from "../results/duty.ts";
import type { LiveStudyOptions } from "../results/protocol.ts";
import { ResultsPanel } from "../results/ResultsPanel.tsx";
import { StudyOptionsContext, type StudyOptionsValue } from "../results/StudyOptionFields.tsx";
import { loadStudyOptions, saveStudyOptions } from "../results/study-options.ts";
import { useLiveResults } from "../results/useLiveResults.ts";
import { type ColourBy, ColourLegend } from "./ColourLegend.tsx";
import { DiagramCanvas } from "./canvas/DiagramCanvas.tsx";
import type { Decorations, DutyBadge } from "./canvas/types.ts";
import { useEditor } from "./EditorContext.tsx";
import { EditorToolbar } from "./EditorToolbar.tsx";
import { saveLayout } from "./model/layout.ts";
import { Palette } from "./Palette.tsx";
import { invalidIds } from "./properties/issues.ts";
import { PropertiesPanel } from "./properties/PropertiesPanel.tsx";
import { SidePanel, type SideTab } from "./SidePanel.tsx";
import { useEditorActions } from "./useEditorActions.ts";
import { useShortcuts } from "./useShortcuts.ts";
import { DiffBanner } from "./versions/DiffBanner.tsx";
import { HistoryPanel } from "./versions/HistoryPanel.tsx";
import { LiveSaveNotice } from "./versions/LiveSaveNotice.tsx";
import { SaveDialog } from "./versions/SaveDialog.tsx";

/** Palette | diagram | side panel (properties, results, duty, versions, assistant). */
export function EditorWorkspace() {
  const { projectId, doc, layout, state, canEdit, validation, types } = useEditor();
  const actions = useEditorActions();
  const [options, setOptions] = useState<LiveStudyOptions>(() => loadStudyOptions(projectId));
  const [colourBy, setColourBy] = useState<ColourBy>("duty");
  const [tab, setTab] = useState<SideTab>("properties");
  const [saving, setSaving] = useState(false);
  const live = useLiveResults(doc, options, types.companyTypes);

  useEffect(() => saveLayout(projectId, layout), [projectId, layout]);
  useEffect(() => saveStudyOptions(projectId, options), [projectId, options]);
  const studyOptions = useMemo<StudyOptionsValue>(
    () => ({ options, setOptions, engineIssues: live.issues }),
    [options, live.issues],
  );
  const dutyChecks = options.duty ? live.result?.duty : undefined;
  const byDuty = colourBy === "duty" && dutyChecks !== undefined;

  const shortcuts = useMemo(
    () => ({
      undo: actions.undo,
      redo: actions.redo,
      save: () => canEdit && setSaving(true),
      remove: () => canEdit && state.selection.length > 0 && actions.remove(state.selection),
      escape: () => actions.select([]),
    }),
    [actions, canEdit, state.selection],
  );
  useShortcuts(shortcuts);

  const decorations = useMemo<Decorations>(() => {
    const buses = live.result?.buses ?? [];
    const max = maxCurrent(buses.map((b) => b.ikss_ka));
    const diff = new Map<string, "added" | "changed" | "removed">();
    for (const c of state.diff?.diff.added ?? []) diff.set(c.id, "added");
    for (const c of state.diff?.diff.changed ?? []) diff.set(c.id, "changed");
    const duty = new Map<string, DutyBadge>();
    if (byDuty)
      for (const [id, check] of worstByElement(dutyChecks ?? []))
        duty.set(id, {
          status: check.status,
          percent: check.percent,
          check: check.check,
          colour: DUTY_COLOURS[check.status],
        });
    // Coloured by duty, the Ik'' badges stay as figures but lose the current scale's colours.
    const badgeColour = (ikss: number | null) => (byDuty ? NEUTRAL_BADGE : currentColour(ikss, max));
    return {
      results: new Map(
        buses.map((b) => [
          b.bus,
          { ikssKa: b.fed ? b.ikss_ka : null, colour: badgeColour(b.fed ? b.ikss_ka : null) },
        ]),
      ),
      duty,
      diff,
      excluded: new Set(live.excluded),
      invalid: invalidIds(doc, validation),
    };
  }, [live.result, live.excluded, state.diff, doc, validation, byDuty, dutyChecks]);

  return (
    <StudyOptionsContext value={studyOptions}>
      <div className="editor">
        <EditorToolbar options={options} onOptions={setOptions} onSave={() => setSaving(true)} live={live} />
        <div className="editor-main">
          <Palette />
          <div className="canvas-area">
            <DiagramCanvas decorations={decorations} />
            <DiffBanner />
            <LiveSaveNotice />
            <ColourLegend
              max={maxCurrent((live.result?.buses ?? []).map((b) => b.ikss_ka))}
              colourBy={colourBy}
              dutyAvailable={dutyChecks !== undefined}
              onColourBy={setColourBy}
            />
          </div>
          <SidePanel tab={tab} onTab={setTab}>
            {tab === "properties" && <PropertiesPanel />}
            {tab === "results" && <ResultsPanel live={live} options={options} />}
            {tab === "duty" && <DutyPanel live={live} options={options} onOptions={setOptions} />}
            {tab === "versions" && <HistoryPanel />}
            {tab === "assistant" && <AssistantPanel />}
          </SidePanel>
        </div>
        <SaveDialog open={saving} onClose={() => setSaving(false)} />
      </div>
    </StudyOptionsContext>
  );
}
