import { useQuery } from "@tanstack/react-query";
import { useSession } from "../auth/useSession.ts";
import { trpc } from "../trpc.ts";

/** The caller's company and its pending deletion (only asked while logged in). */
export function useCompanyLifecycle() {
  const session = useSession();
  return useQuery({ ...trpc.company.lifecycle.queryOptions(), enabled: Boolean(session.data?.user) });
}
