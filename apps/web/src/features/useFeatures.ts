import type { FeatureFlag } from "@ampflux/contracts";
import { useQuery } from "@tanstack/react-query";
import { trpc } from "../trpc.ts";

/**
 * Whether a feature is on for the user's company (features.list). Until the flags have loaded
 * a feature counts as off, so nothing appears only to vanish; each page that asks re-reads them,
 * so an admin's or a licence change shows on the next page.
 */
export function useFeature(flag: FeatureFlag): boolean {
  const features = useQuery(trpc.features.list.queryOptions(undefined, { refetchOnMount: "always" }));
  return features.data?.find((f) => f.flag === flag)?.enabled ?? false;
}
