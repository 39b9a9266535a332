import type { ExportFormat } from "@ampflux/contracts/importers";
import { downloadFile, safeFileName } from "../../lib/download.ts";
import { useEditor } from "../EditorContext.tsx";

const FORMATS: Array<{ format: ExportFormat; label: string }> = [
  { format: "ampflux", label: "AmpFlux JSON" },
  { format: "pandapower", label: "pandapower JSON" },
  { format: "matpower", label: "MATPOWER .m" },
  { format: "psse", label: "PSS/E RAW v33 .raw" },
];

/**
 * Downloads the editor's network: as the document circuits.save stores (even while it has
 * errors), or converted for pandapower, MATPOWER or PSS/E (a valid network only).
 */
export function ExportButton() {
  const { doc, validation } = useEditor();
  const exportAs = async (format: ExportFormat) => {
    const name = safeFileName(doc.name);
    if (format === "ampflux")
      return downloadFile(`${name}.json`, `${JSON.stringify(doc, null, 2)}\n`, "application/json");
    if (!validation.ok || !validation.document) return;
    // The converters load on first use, like the importers.
    const { exportNetworkFile } = await import("@ampflux/contracts/importers");
    const file = exportNetworkFile(validation.document, format);
    downloadFile(`${name}${file.extension}`, file.text, file.mediaType);
  };
  return (
    <details className="menu">
      <summary className="button small">Export…</summary>
      <div className="menu-items">
        {FORMATS.map(({ format, label }) => (
          <button
            key={format}
            type="button"
            className="small"
            disabled={format !== "ampflux" && !validation.ok}
            title={format !== "ampflux" && !validation.ok ? "Fix the network's errors first" : undefined}
            onClick={(e) => {
              e.currentTarget.closest("details")?.removeAttribute("open");
              void exportAs(format);
            }}
          >
            {label}
          </button>
        ))}
      </div>
    </details>
  );
}
