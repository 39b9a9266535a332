import { useEffect, useMemo, useState } from "react";
import { AssistantPanel } from "../assistant/AssistantPanel.tsx";
import { LoadFlowBanner } from "../load-flow/LoadFlowBanner.tsx";
import { LoadFlowPanel } from "../load-flow/LoadFlowPanel.tsx";
import {
  colouringLimits,
  type EditorStudy,
  loadEditorStudy,
  loadLoadFlowOptions,
  saveEditorStudy,
  saveLoadFlowOptions,
} from "../load-flow/options.ts";
import { loadFlowSummary } from "../load-flow/summary.ts";
import { useLiveLoadFlow } from "../load-flow/useLiveLoadFlow.ts";
import { ArcFlashPanel } from "../results/ArcFlashPanel.tsx";
import { maxCurrent } from "../results/colour.ts";
import { DutyPanel } from "../results/DutyPanel.tsx";
import { ResultsPanel } from "../results/ResultsPanel.tsx";
import { StudyOptionsContext, type StudyOptionsValue } from "../results/StudyOptionFields.tsx";
import { useFaultBusBranches } from "../results/useFaultBusBranches.ts";
import { useLiveResults } from "../results/useLiveResults.ts";
import { useProjectStudyOptions } from "../results/useProjectStudyOptions.ts";
import { type ColourBy, ColourLegend, effectiveColourBy } from "./ColourLegend.tsx";
import { BranchCurrentsOverlay } from "./canvas/BranchCurrentsOverlay.tsx";
import { DiagramCanvas } from "./canvas/DiagramCanvas.tsx";
import { diagramDecorations } from "./canvas/decorations.ts";
import { DraftGuard } from "./drafts/DraftGuard.tsx";
import { useEditor } from "./EditorContext.tsx";
import { EditorToolbar } from "./EditorToolbar.tsx";
import { Palette } from "./Palette.tsx";
import { PropertiesPanel } from "./properties/PropertiesPanel.tsx";
import { SidePanel, type SideTab } from "./SidePanel.tsx";
import { ScreeningBanner } from "./screening/ScreeningBanner.tsx";
import { useScreeningOverlay } from "./screening/useScreeningOverlay.ts";
import { useEditorActions } from "./useEditorActions.ts";
import { useShortcuts } from "./useShortcuts.ts";
import { DiffBanner } from "./versions/DiffBanner.tsx";
import { HistoryPanel } from "./versions/HistoryPanel.tsx";
import { LiveSaveNotice } from "./versions/LiveSaveNotice.tsx";
import { SaveDialog } from "./versions/SaveDialog.tsx";

/** Palette | diagram | side panel (properties, results, duty, arc flash, versions, assistant). */
export function EditorWorkspace() {
  const { projectId, doc, state, canEdit, validation, types, onDocument } = useEditor();
  const actions = useEditorActions();
  const { options, setOptions, saveError } = useProjectStudyOptions(projectId, canEdit);
  const [colourBy, setColourBy] = useState<ColourBy>("duty");
  const [tab, setTab] = useState<SideTab>("properties");
  const [saving, setSaving] = useState(false);
  const live = useLiveResults(doc, options, types.companyTypes, true, onDocument);
  // The study on the diagram: the live short circuit, or the load flow (both kept per project).
  const [study, setStudy] = useState<EditorStudy>(() => loadEditorStudy(projectId));
  const [lfOptions, setLfOptions] = useState(() => loadLoadFlowOptions(projectId));
  const loadFlowMode = study === "load_flow";
  const loadFlow = useLiveLoadFlow(doc, lfOptions, types.companyTypes, loadFlowMode);
  const limits = useMemo(() => colouringLimits(lfOptions), [lfOptions]);
  const lfSummary = useMemo(
    () => (loadFlow.result ? loadFlowSummary(loadFlow.result, limits) : null),
    [loadFlow.result, limits],
  );

  useEffect(() => saveEditorStudy(projectId, study), [projectId, study]);
  useEffect(() => saveLoadFlowOptions(projectId, lfOptions), [projectId, lfOptions]);
  const studyOptions = useMemo<StudyOptionsValue>(
    () => ({ options, setOptions, engineIssues: live.issues, saveError: saveError?.message ?? null }),
    [options, setOptions, live.issues, saveError],
  );
  const result = live.result;
  // A stored N-1 screening opened from the Simulations page (?screening=…&outage=…).
  const screening = useScreeningOverlay(projectId);
  const hasWorstMap = screening.worst !== null;
  const hasOutageMap = screening.outageDeltas !== null;
  const available = useMemo<ColourBy[]>(
    () =>
      loadFlowMode
        ? ["load_flow"]
        : [
            "current",
            ...(options.duty && result?.duty ? (["duty"] as const) : []),
            ...(options.arc_flash && result?.arc_flash ? (["arc_flash"] as const) : []),
            ...(hasWorstMap ? (["n1_worst"] as const) : []),
            ...(hasOutageMap ? (["n1_outage"] as const) : []),
          ],
    [loadFlowMode, options.duty, options.arc_flash, result, hasWorstMap, hasOutageMap],
  );
  // Opening a screening, or choosing one of its outages, colours the diagram by it.
  useEffect(() => {
    if (hasOutageMap) setColourBy("n1_outage");
    else if (hasWorstMap) setColourBy("n1_worst");
  }, [hasWorstMap, hasOutageMap]);
  const mode = effectiveColourBy(colourBy, available);
  // With the Results tab open, one selected bus is a fault bus: its branch currents go in the
  // tab's table and on the diagram (one engine study of that bus feeds both).
  const faultBus =
    tab === "results" &&
    !loadFlowMode &&
    state.selection.length === 1 &&
    doc.buses.some((b) => b.id === state.selection[0])
      ? state.selection[0]
      : undefined;
  const faultBranches = useFaultBusBranches(doc, faultBus, options, types.companyTypes);
  // Opening the Duty or Arc flash tab colours the diagram by it.
  const openTab = (next: SideTab) => {
    setTab(next);
    if (next === "duty" || next === "arc_flash") setColourBy(next);
  };

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

  const decorations = useMemo(
    () =>
      diagramDecorations({
        result: loadFlowMode ? null : result,
        loadFlow: loadFlowMode ? { result: loadFlow.result, limits } : null,
        mode,
        excluded: loadFlowMode ? loadFlow.excluded : live.excluded,
        diff: state.diff,
        doc,
        validation,
        screening: screening.decorations,
      }),
    [
      loadFlowMode,
      result,
      loadFlow.result,
      loadFlow.excluded,
      limits,
      mode,
      live.excluded,
      state.diff,
      doc,
      validation,
      screening.decorations,
    ],
  );

  return (
    <StudyOptionsContext value={studyOptions}>
      <div className="editor">
        <EditorToolbar
          options={options}
          onOptions={setOptions}
          onSave={() => setSaving(true)}
          live={live}
          study={study}
          onStudy={setStudy}
          loadFlow={{ options: lfOptions, onOptions: setLfOptions, live: loadFlow, summary: lfSummary }}
        />
        <div className="editor-main">
          <Palette />
          <div className="canvas-area">
            <DiagramCanvas decorations={decorations}>
              <BranchCurrentsOverlay branches={faultBranches} />
            </DiagramCanvas>
            <DiffBanner live={live} options={options} />
            {loadFlowMode && <LoadFlowBanner live={loadFlow} summary={lfSummary} buses={doc.buses.length} />}
            <LiveSaveNotice />
            <DraftGuard />
            <ScreeningBanner overlay={screening} projectId={projectId} shownVersion={state.baseVersion} />
            <ColourLegend
              max={maxCurrent((result?.buses ?? []).map((b) => b.ikss_ka))}
              mode={mode}
              available={available}
              onColourBy={setColourBy}
              limits={limits}
              n1LargestChange={
                mode === "n1_outage"
                  ? screening.outageDeltas?.largestChangePercent
                  : screening.worst?.largestChangePercent
              }
            />
          </div>
          <SidePanel tab={tab} onTab={openTab}>
            {tab === "properties" && <PropertiesPanel />}
            {tab === "results" &&
              (loadFlowMode ? (
                <LoadFlowPanel live={loadFlow} summary={lfSummary} limits={limits} />
              ) : (
                <ResultsPanel
                  live={live}
                  options={options}
                  companyTypes={types.companyTypes}
                  faultBranches={faultBranches}
                />
              ))}
            {tab === "duty" && <DutyPanel live={live} options={options} onOptions={setOptions} />}
            {tab === "arc_flash" && <ArcFlashPanel live={live} options={options} onOptions={setOptions} />}
            {tab === "versions" && <HistoryPanel />}
            {tab === "assistant" && <AssistantPanel />}
          </SidePanel>
        </div>
        <SaveDialog open={saving} onClose={() => setSaving(false)} />
      </div>
    </StudyOptionsContext>
  );
}
