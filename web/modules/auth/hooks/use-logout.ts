import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App } from "antd";
import { useTranslation } from "react-i18next";
import { api, setCsrfToken } from "../../../app/api-client.ts";
import { ME_QUERY_KEY } from "../../../app/auth-context.tsx";

/** POST /api/auth/logout, then forget everything cached for this user. */
export function useLogout() {
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const { t } = useTranslation();
  return useMutation({
    mutationFn: () => api<void>("/auth/logout", { method: "POST", isAuthProbe: true }),
    onSettled: () => {
      // Even when the server call fails (session already gone), the browser forgets the user.
      setCsrfToken(undefined);
      // Not queryClient.clear(): the who-am-I observer must see `null` to send the browser to login.
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] });
      queryClient.setQueryData(ME_QUERY_KEY, null);
      message.success(t("header.loggedOut"));
    },
  });
}
