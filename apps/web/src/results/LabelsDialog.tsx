import type { ArcFlashLabel, ArcFlashLabelStudy, ArcFlashResult } from "@ampflux/contracts";
import { useEffect, useMemo, useState } from "react";
import { createPortal } from "react-dom";
import { downloadFile } from "../lib/download.ts";
import { Dialog } from "../ui/Dialog.tsx";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { arcFlashLabels } from "./arc-flash.ts";
import type { LabelLayout, LabelPaper } from "./labels-output.ts";

/** The label renderers (and pdf-lib with its font) load when labels are first asked for: the editor's bundle stays small. */
const loadOutput = () => import("./labels-output.ts");

/** Label images from the SVG renderer, once it has loaded; null until then. */
function useLabelSvgs(labels: readonly ArcFlashLabel[]): { svgs: string[] | null; error: unknown } {
  const [state, setState] = useState<{ svgs: string[] | null; error: unknown }>({ svgs: null, error: null });
  useEffect(() => {
    let live = true;
    loadOutput()
      .then((output) => live && setState({ svgs: labels.map((l) => output.labelSvg(l)), error: null }))
      .catch((error: unknown) => live && setState({ svgs: null, error }));
    return () => {
      live = false;
    };
  }, [labels]);
  return state;
}

const svgSource = (svg: string) => `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;

/**
 * The arc-flash labels of the buses with a number: a preview, a PDF (one label per page or a
 * sheet of them, A4 or Letter) and a print view with one label per page.
 */
export function LabelsDialog({
  results,
  study,
  busNames,
  fileName,
  onClose,
}: {
  results: readonly ArcFlashResult[];
  study: ArcFlashLabelStudy;
  busNames: ReadonlyMap<string, string>;
  fileName: string;
  onClose(): void;
}) {
  const labels = useMemo(() => arcFlashLabels(results, study, busNames), [results, study, busNames]);
  const left = results.filter((r) => !labels.some((l) => l.bus === r.bus)).map((r) => r.bus);
  const { svgs, error } = useLabelSvgs(labels);
  const [layout, setLayout] = useState<LabelLayout>("page");
  const [paper, setPaper] = useState<LabelPaper>("A4");
  const [pdf, setPdf] = useState<{ busy: boolean; error: unknown }>({ busy: false, error: null });
  const downloadPdf = async () => {
    setPdf({ busy: true, error: null });
    try {
      const bytes = await (await loadOutput()).labelsPdf(labels, { layout, paper });
      downloadFile(`${fileName}.pdf`, bytes, "application/pdf");
      setPdf({ busy: false, error: null });
    } catch (e) {
      setPdf({ busy: false, error: e });
    }
  };
  return (
    <Dialog title="Arc-flash labels" open onClose={onClose}>
      <div className="stack labels-dialog" data-testid="labels-dialog">
        <p className="small" data-testid="labels-count">
          {labels.length} label(s), {study.network}, {study.study_date}
          {left.length > 0 && `; no number, no label: ${left.join(", ")}`}
        </p>
        <div className="row">
          <label className="small">
            Layout{" "}
            <select value={layout} onChange={(e) => setLayout(e.target.value as LabelLayout)}>
              <option value="page">one label per page</option>
              <option value="sheet">sheet of labels</option>
            </select>
          </label>
          <label className="small">
            Paper{" "}
            <select value={paper} onChange={(e) => setPaper(e.target.value as LabelPaper)}>
              <option value="A4">A4</option>
              <option value="Letter">Letter</option>
            </select>
          </label>
          <button type="button" className="small primary" disabled={pdf.busy} onClick={downloadPdf}>
            {pdf.busy ? "Making the PDF…" : "Download labels PDF"}
          </button>
          <button type="button" className="small" disabled={!svgs} onClick={() => window.print()}>
            Print
          </button>
        </div>
        <ErrorMessage error={pdf.error ?? error} />
        {svgs ? (
          <div className="label-previews">
            {svgs.map((svg, i) => {
              const label = labels[i] as ArcFlashLabel;
              return (
                <img
                  key={label.bus}
                  src={svgSource(svg)}
                  alt={`${label.header}: ${label.title}, ${label.energy_cal_cm2.toFixed(1)} cal/cm², ${label.ppe}`}
                  data-testid={`label-${label.bus}`}
                />
              );
            })}
          </div>
        ) : (
          !error && <p className="muted small">Drawing the labels…</p>
        )}
        {svgs && <PrintView svgs={svgs} labels={labels} />}
      </div>
    </Dialog>
  );
}

/** What the browser prints while the dialog is open: the labels only, one per page (styles.css, @media print). */
function PrintView({ svgs, labels }: { svgs: string[]; labels: readonly ArcFlashLabel[] }) {
  return createPortal(
    <div className="print-labels" data-testid="print-labels">
      {svgs.map((svg, i) => (
        <div key={labels[i]?.bus ?? i} className="print-label">
          <img src={svgSource(svg)} alt={labels[i]?.title ?? ""} />
        </div>
      ))}
    </div>,
    document.body,
  );
}
