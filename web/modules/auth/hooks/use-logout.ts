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
      queryClient.clear();
      queryClient.setQueryData(ME_QUERY_KEY, null);
      message.success(t("header.loggedOut"));
    },
  });
}
