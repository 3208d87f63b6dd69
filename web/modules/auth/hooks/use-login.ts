import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { LoginInput, Me } from "../../../../common/contracts/auth.ts";
import { api, setCsrfToken } from "../../../app/api-client.ts";
import { ME_QUERY_KEY } from "../../../app/auth-context.tsx";

/** POST /api/auth/login; on success the session cookie is set and the user becomes `me`. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) =>
      api<Me>("/auth/login", { method: "POST", body: input, isAuthProbe: true }),
    onSuccess: (me) => {
      setCsrfToken(me.csrfToken);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] });
      queryClient.setQueryData(ME_QUERY_KEY, me);
    },
  });
}
