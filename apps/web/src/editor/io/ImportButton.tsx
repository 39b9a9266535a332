import type { ImportReport } from "@ampflux/contracts/importers";
import { startTransition, useEffect, useRef, useState } from "react";
import { Dialog } from "../../ui/Dialog.tsx";
import { useFitWholeNetwork } from "../canvas/fit-view.ts";
import { describeChanges } from "../drafts/draft-store.ts";
import { useEditor } from "../EditorContext.tsx";
import { prepareLayoutWorker } from "../layout/layout-in-worker.ts";
import type { EditorDocument } from "../model/document.ts";
import { useEditorActions } from "../useEditorActions.ts";
import { ImportReportView } from "./ImportReportView.tsx";
import { type ReadResult, readNetworkFile } from "./read-network-file.ts";

/**
 * The question before an import drops unsaved edits: which ones, and that Undo brings them back
 * while the editor stays open (they are in no version).
 */
export function importLossQuestion(
  doc: EditorDocument,
  saved: EditorDocument,
  baseVersion: number | null,
): string {
  const since = baseVersion === null ? "(never saved)" : `since version ${baseVersion}`;
  return `Importing replaces the network in the editor and its unsaved changes ${since}: ${describeChanges(saved, doc)}. They are in no version: only Undo brings them back. Replace it?`;
}

/**
 * Opens a network file (MATPOWER, PSS/E RAW, IEEE CDF, pandapower or AmpFlux JSON) into the
 * editor, as one undoable step. A PSS/E .raw may be chosen together with its .seq file.
 */
export function ImportButton({ onSaveVersion }: { onSaveVersion(): void }) {
  const { canEdit, dirty, doc, state } = useEditor();
  const actions = useEditorActions();
  const fitWhole = useFitWholeNetwork();
  const input = useRef<HTMLInputElement>(null);
  const [outcome, setOutcome] = useState<{ name: string; result: ReadResult } | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  // An import lays the network out in a worker: started while the page is idle, it is ready then.
  useEffect(() => {
    if (!canEdit) return;
    const idle = requestIdleCallback(prepareLayoutWorker, { timeout: 2_000 });
    return () => cancelIdleCallback(idle);
  }, [canEdit]);
  // The view is fitted to the imported network once it is drawn: when the document shown is no
  // longer the one the import replaced (the transition below has committed).
  const replaced = useRef<EditorDocument | null>(null);
  useEffect(() => {
    if (replaced.current === null || replaced.current === doc) return;
    replaced.current = null;
    const timer = setTimeout(() => fitWhole(), 50);
    return () => clearTimeout(timer);
  }, [doc, fitWhole]);
  const onFiles = async (files: File[]) => {
    const isSeq = (f: File) => f.name.toLowerCase().endsWith(".seq");
    const file = files.find((f) => !isSeq(f));
    if (!file) return;
    if (dirty && !window.confirm(importLossQuestion(doc, state.savedDoc, state.baseVersion))) return;
    const result = await readNetworkFile(file, files.find(isSeq));
    setOutcome({ name: file.name, result });
    if (result.ok) {
      // A transition: React draws the new network in slices between which the page responds,
      // not in one task of a few hundred ms (case1354pegase: 5,360 symbols).
      replaced.current = doc;
      startTransition(() => {
        actions.replace(result.document);
        setReport(result.report);
      });
    }
  };
  return (
    <>
      <button type="button" className="small" disabled={!canEdit} onClick={() => input.current?.click()}>
        Import…
      </button>
      <input
        ref={input}
        type="file"
        accept=".m,.raw,.seq,.cdf,.json,application/json"
        multiple
        hidden
        data-testid="import-file"
        onChange={(e) => {
          void onFiles([...(e.target.files ?? [])]);
          e.target.value = "";
        }}
      />
      <Dialog
        title={outcome?.result.ok ? `Imported ${outcome.name}` : `Could not import ${outcome?.name ?? ""}`}
        open={outcome !== null}
        onClose={() => setOutcome(null)}
      >
        {outcome && !outcome.result.ok && (
          <div className="stack">
            <p className="alert" role="alert">
              {outcome.result.message}
            </p>
            <ul className="issues issues-error">
              {outcome.result.issues.slice(0, 30).map((i) => (
                <li key={`${i.path.join(".")}:${i.message}`}>
                  <code>{i.path.join(".") || "document"}</code> {i.message}
                </li>
              ))}
            </ul>
          </div>
        )}
        {outcome?.result.ok && (
          <>
            <ImportReportView report={report} warnings={outcome.result.warnings} />
            <p className="row">
              <span className="muted small">
                The imported network is in the editor, not yet saved
                {state.baseVersion === null ? "" : `; version ${state.baseVersion} keeps the previous one`}.
              </span>
              <button
                type="button"
                className="primary small"
                onClick={() => {
                  setOutcome(null);
                  onSaveVersion();
                }}
              >
                Save as a new version…
              </button>
            </p>
          </>
        )}
      </Dialog>
    </>
  );
}
