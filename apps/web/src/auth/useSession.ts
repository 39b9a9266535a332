import { useQuery } from "@tanstack/react-query";
import { trpc } from "../trpc.ts";

/** The logged-in user and company (null when logged out). */
export function useSession() {
  return useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 60_000 });
}
