import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { ProgressBar } from "../simulations/ProgressBar.tsx";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { isReportFinished } from "./report-view.ts";

interface ProgressEvent {
  status: string;
  progress: number;
  message: string | null;
}

/** A report being rendered, live over SSE (reports.progress); when it ends the list reloads. */
export function ReportProgress({ projectId, reportId }: { projectId: string; reportId: string }) {
  const queryClient = useQueryClient();
  // Kept here, not read from the subscription, which clears its data when the stream completes.
  const [last, setLast] = useState<ProgressEvent | null>(null);
  const progress = useSubscription(
    trpc.reports.progress.subscriptionOptions(
      { projectId, reportId },
      {
        onData(event) {
          setLast(event);
          if (isReportFinished(event.status))
            void queryClient.invalidateQueries({ queryKey: trpc.reports.pathKey() });
        },
      },
    ),
  );
  if (progress.error) return <ErrorMessage error={progress.error} />;
  if (!last) return <ProgressBar value={0} label="connecting…" status="queued" />;
  return <ProgressBar value={last.progress} label={last.message ?? ""} status={last.status} />;
}
