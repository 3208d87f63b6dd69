import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { CreateUserInput, UserDto } from "../../../../common/contracts/auth.ts";
import type {
  Account,
  EndSessionsResult,
  ResetPasswordInput,
  ResetPasswordResult,
  UpdateUserInput,
} from "../../../../common/contracts/users.ts";
import { api } from "../../../app/api-client.ts";

/** Every cached answer about accounts starts with this key. */
export const ACCOUNTS_KEY = ["accounts"] as const;

/** GET /api/users: every account (admins). */
export function useAccounts() {
  return useQuery({
    queryKey: ACCOUNTS_KEY,
    queryFn: ({ signal }) => api<Account[]>("/users", { signal }),
  });
}

/** After any change the list may differ (status, sessions, roles): refetch it. */
function useAccountsMutation<Input, Output>(send: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ACCOUNTS_KEY }),
  });
}

export function useCreateAccount() {
  return useAccountsMutation((input: CreateUserInput) =>
    api<UserDto>("/users", { method: "POST", body: input }),
  );
}

export function useUpdateAccount() {
  return useAccountsMutation(({ id, ...input }: UpdateUserInput & { id: number }) =>
    api<Account>(`/users/${id}`, { method: "PATCH", body: input }),
  );
}

export function useDisableAccount() {
  return useAccountsMutation((id: number) => api<Account>(`/users/${id}/disable`, { method: "POST" }));
}

export function useEnableAccount() {
  return useAccountsMutation((id: number) => api<Account>(`/users/${id}/enable`, { method: "POST" }));
}

export function useResetPassword() {
  return useAccountsMutation(({ id, ...input }: ResetPasswordInput & { id: number }) =>
    api<ResetPasswordResult>(`/users/${id}/password-reset`, { method: "POST", body: input }),
  );
}

export function useEndSessions() {
  return useAccountsMutation((id: number) =>
    api<EndSessionsResult>(`/users/${id}/sessions/end`, { method: "POST" }),
  );
}
