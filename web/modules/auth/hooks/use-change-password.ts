import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { ChangePasswordInput, Me } from "../../../../common/contracts/auth.ts";
import { api } from "../../../app/api-client.ts";
import { ME_QUERY_KEY } from "../../../app/auth-context.tsx";

/** POST /api/auth/password; the current session stays, other sessions of the user end. */
export function useChangePassword() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ChangePasswordInput) => api<void>("/auth/password", { method: "POST", body: input }),
    onSuccess: () => {
      queryClient.setQueryData<Me | null>(ME_QUERY_KEY, (me) =>
        me ? { ...me, mustChangePassword: false } : me,
      );
      return queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
    },
  });
}
