import { downloadFile, safeFileName } from "../../lib/download.ts";
import { useEditor } from "../EditorContext.tsx";

/** Downloads the editor's network document as JSON (what circuits.save stores). */
export function ExportButton() {
  const { doc } = useEditor();
  return (
    <button
      type="button"
      className="small"
      onClick={() =>
        downloadFile(
          `${safeFileName(doc.name)}.json`,
          `${JSON.stringify(doc, null, 2)}\n`,
          "application/json",
        )
      }
    >
      Export JSON
    </button>
  );
}
