import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { downloadFile } from "../lib/download.ts";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { bytesOfBase64, textOfBase64 } from "./report-view.ts";

/**
 * "Download PDF" and "View HTML": reports.download sends the document as base64 in its answer
 * (docs/reports-lifecycle.md, Download). The HTML is shown in a sandboxed frame: no scripts, no
 * access to this page, although it is our own renderer's output.
 */
export function ReportDocuments({ projectId, reportId }: { projectId: string; reportId: string }) {
  const queryClient = useQueryClient();
  const [html, setHtml] = useState<string | null>(null);
  const fetchDocument = (format: "pdf" | "html") =>
    queryClient.fetchQuery({
      ...trpc.reports.download.queryOptions({ projectId, reportId, format }),
      staleTime: 0,
    });
  const pdf = useMutation({
    mutationFn: () => fetchDocument("pdf"),
    onSuccess: (doc) => downloadFile(doc.filename, bytesOfBase64(doc.base64), doc.contentType),
  });
  const view = useMutation({
    mutationFn: () => fetchDocument("html"),
    onSuccess: (doc) => setHtml(textOfBase64(doc.base64)),
  });
  return (
    <div className="stack">
      <div className="row">
        <button type="button" className="small" disabled={pdf.isPending} onClick={() => pdf.mutate()}>
          Download PDF
        </button>
        {html === null ? (
          <button type="button" className="small" disabled={view.isPending} onClick={() => view.mutate()}>
            View HTML
          </button>
        ) : (
          <button type="button" className="small" onClick={() => setHtml(null)}>
            Hide HTML
          </button>
        )}
      </div>
      <ErrorMessage error={pdf.error ?? view.error} />
      {html !== null && (
        <iframe
          title="Report (HTML)"
          className="report-frame"
          data-testid="report-html"
          sandbox=""
          srcDoc={html}
        />
      )}
    </div>
  );
}
