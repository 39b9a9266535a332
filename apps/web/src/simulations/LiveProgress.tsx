import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useState } from "react";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { ProgressBar } from "./ProgressBar.tsx";
import { isFinished } from "./status.ts";

interface ProgressEvent {
  status: string;
  progress: number;
  message: string | null;
}

/** The progress subscription (SSE through /trpc): live until the study ends, then the results load. */
export function LiveProgress({ projectId, simulationId }: { projectId: string; simulationId: string }) {
  const queryClient = useQueryClient();
  // Kept here, not read from the subscription: it clears its data when the stream completes,
  // which a study that finishes at once does before anything rendered it.
  const [last, setLast] = useState<ProgressEvent | null>(null);
  const progress = useSubscription(
    trpc.simulations.progress.subscriptionOptions(
      { projectId, simulationId },
      {
        onData(event) {
          setLast(event);
          if (!isFinished(event.status)) return;
          void queryClient.invalidateQueries({
            queryKey: trpc.simulations.get.queryKey({ projectId, simulationId }),
          });
          void queryClient.invalidateQueries({ queryKey: trpc.simulations.list.pathKey() });
        },
      },
    ),
  );
  if (progress.error) return <ErrorMessage error={progress.error} />;
  if (!last) return <ProgressBar value={0} label="connecting…" status="queued" />;
  return <ProgressBar value={last.progress} label={last.message ?? ""} status={last.status} />;
}
