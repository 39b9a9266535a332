import { isOutageScreeningResult, type OutageScreeningResult } from "@ampflux/contracts";
import { useQuery } from "@tanstack/react-query";
import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";
import { outageMap, type ScreeningMap, worstCaseMap } from "../../results/outage-screening.ts";
import { trpc } from "../../trpc.ts";
import type { ScreeningDecorations } from "../canvas/decorations.ts";

export interface ScreeningOverlay {
  /** The study in the address (?screening=), null without one. */
  simulationId: string | null;
  result: OutageScreeningResult | null;
  /** The version the screening ran on. */
  version: number | null;
  /** The outage in the address (?outage=), shown with its deltas once computed. */
  outage: string | null;
  worst: ScreeningMap | null;
  outageDeltas: ScreeningMap | null;
  decorations: ScreeningDecorations | null;
  loading: boolean;
  error: unknown;
  chooseOutage(outage: string | null): void;
  close(): void;
}

/**
 * A stored N-1 screening opened on the diagram from the Simulations page: the address names the
 * study and, optionally, one outage (so the view is a link a colleague can open). The worst-case
 * map comes from the stored result; an outage's deltas are computed on demand by the api.
 */
export function useScreeningOverlay(projectId: string): ScreeningOverlay {
  const [params, setParams] = useSearchParams();
  const simulationId = params.get("screening");
  const outage = simulationId ? params.get("outage") : null;
  const sim = useQuery({
    ...trpc.simulations.get.queryOptions({ projectId, simulationId: simulationId ?? "" }),
    enabled: simulationId !== null,
  });
  const detail = useQuery({
    ...trpc.simulations.outageDetail.queryOptions({
      projectId,
      simulationId: simulationId ?? "",
      outage: outage ?? "",
    }),
    enabled: simulationId !== null && outage !== null,
  });
  const result = sim.data?.result && isOutageScreeningResult(sim.data.result) ? sim.data.result : null;
  const worst = useMemo(() => (result ? worstCaseMap(result) : null), [result]);
  const outageDeltas = useMemo(() => (detail.data ? outageMap(detail.data) : null), [detail.data]);
  const decorations = useMemo<ScreeningDecorations | null>(
    () =>
      worst
        ? {
            worst: worst.badges,
            outage:
              detail.data && outageDeltas ? { id: detail.data.outage, badges: outageDeltas.badges } : null,
          }
        : null,
    [worst, outageDeltas, detail.data],
  );
  const chooseOutage = useCallback(
    (next: string | null) =>
      setParams((p) => {
        const copy = new URLSearchParams(p);
        if (next) copy.set("outage", next);
        else copy.delete("outage");
        return copy;
      }),
    [setParams],
  );
  const close = useCallback(
    () =>
      setParams((p) => {
        const copy = new URLSearchParams(p);
        copy.delete("screening");
        copy.delete("outage");
        return copy;
      }),
    [setParams],
  );
  const notScreening = sim.data && !result ? new Error("This study is not a finished N-1 screening.") : null;
  return {
    simulationId,
    result,
    version: sim.data?.version ?? null,
    outage,
    worst,
    outageDeltas: outage && detail.data?.outage === outage ? outageDeltas : null,
    decorations,
    loading: sim.isFetching || detail.isFetching,
    error: sim.error ?? detail.error ?? notScreening,
    chooseOutage,
    close,
  };
}
