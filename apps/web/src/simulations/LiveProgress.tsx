import { useQueryClient } from "@tanstack/react-query";
import { useSubscription } from "@trpc/tanstack-react-query";
import { useEffect } from "react";
import { trpc } from "../trpc.ts";
import { ErrorMessage } from "../ui/ErrorMessage.tsx";
import { ProgressBar } from "./ProgressBar.tsx";

const TERMINAL = new Set(["succeeded", "failed", "cancelled"]);

/** The progress subscription (SSE through /trpc): live until the study ends, then the results load. */
export function LiveProgress({ projectId, simulationId }: { projectId: string; simulationId: string }) {
  const queryClient = useQueryClient();
  const progress = useSubscription(
    trpc.simulations.progress.subscriptionOptions({ projectId, simulationId }),
  );
  const status = progress.data?.status;
  useEffect(() => {
    if (status && TERMINAL.has(status)) {
      void queryClient.invalidateQueries({
        queryKey: trpc.simulations.get.queryKey({ projectId, simulationId }),
      });
      void queryClient.invalidateQueries({ queryKey: trpc.simulations.list.pathKey() });
    }
  }, [status, projectId, simulationId, queryClient]);
  if (progress.error) return <ErrorMessage error={progress.error} />;
  if (!progress.data) return <ProgressBar value={0} label="connecting…" status="queued" />;
  return (
    <ProgressBar
      value={progress.data.progress}
      label={progress.data.message ?? ""}
      status={progress.data.status}
    />
  );
}
