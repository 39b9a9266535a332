// A report's live progress (reports.progress, SSE) followed to its end, like watch.ts for studies.

import type { Api } from "../client.ts";
import type { ProgressState } from "../progress-bar.ts";

/** Follows a report over the progress subscription until done or failed; resolves with its last state. */
export function watchReport(
  api: Api,
  projectId: string,
  reportId: string,
  onState: (state: ProgressState) => void,
): Promise<ProgressState> {
  return new Promise((resolve, reject) => {
    let last: ProgressState | undefined;
    const subscription = api.reports.progress.subscribe(
      { projectId, reportId },
      {
        onData(state) {
          last = state;
          onState(state);
        },
        onError(error) {
          subscription.unsubscribe();
          reject(error);
        },
        onComplete() {
          if (last) resolve(last);
          else reject(new Error("the progress stream ended before the report's state"));
        },
      },
    );
  });
}
