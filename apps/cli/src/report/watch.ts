// A report's live progress (reports.progress, SSE) followed to its end, as studies are (../watch.ts).

import type { Api } from "../client.ts";
import type { ProgressState } from "../progress-bar.ts";
import { followProgress } from "../watch.ts";

/** Follows a report over the progress subscription until done or failed; resolves with its last state. */
export function watchReport(
  api: Api,
  projectId: string,
  reportId: string,
  onState: (state: ProgressState) => void,
): Promise<ProgressState> {
  return followProgress(
    (handlers) => api.reports.progress.subscribe({ projectId, reportId }, handlers),
    "report",
    onState,
  );
}
