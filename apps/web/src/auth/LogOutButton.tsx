import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";
import { trpc } from "../trpc.ts";

export function LogOutButton() {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const logOut = useMutation(
    trpc.auth.logOut.mutationOptions({
      onSettled: () => {
        queryClient.clear();
        navigate("/login", { replace: true });
      },
    }),
  );
  return (
    <button type="button" className="link-button" onClick={() => logOut.mutate()} disabled={logOut.isPending}>
      Log out
    </button>
  );
}
