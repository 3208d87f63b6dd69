import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useContext, useEffect, useMemo } from "react";
import type { Me } from "../../common/contracts/auth.ts";
import type { Permission } from "../../common/enums/auth.ts";
import {
  ApiError,
  api,
  setCsrfToken,
  setPasswordChangeRequiredHandler,
  setUnauthorizedHandler,
} from "./api-client.ts";

export const ME_QUERY_KEY = ["auth", "me"] as const;

type AuthState = {
  /** The signed-in user; null when nobody is signed in; undefined while asking the server. */
  me: Me | null | undefined;
  isLoading: boolean;
  /** The server could not say who is signed in (down, unreachable). */
  error: Error | null;
  retry: () => void;
  can: (permission: Permission) => boolean;
};

const AuthContext = createContext<AuthState | undefined>(undefined);

/** Who am I: GET /api/auth/me, where 401 simply means "not signed in". */
async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>("/auth/me", { isAuthProbe: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const {
    data: me,
    isLoading,
    error,
    refetch,
  } = useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: Infinity });

  useEffect(() => {
    setCsrfToken(me?.csrfToken);
  }, [me]);

  useEffect(() => {
    // A 401 on any other request means the session expired: forget the user and every cached answer;
    // RequireAuth then sends the browser to the login page.
    setUnauthorizedHandler(() => {
      setCsrfToken(undefined);
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_QUERY_KEY[0] });
      queryClient.setQueryData(ME_QUERY_KEY, null);
    });
    // The server holds a session whose password must be changed (a first password, or one reset since
    // this page loaded): RequireAuth then shows the change-password page.
    setPasswordChangeRequiredHandler(() => {
      queryClient.setQueryData<Me | null>(ME_QUERY_KEY, (me) =>
        me ? { ...me, mustChangePassword: true } : me,
      );
    });
    return () => {
      setUnauthorizedHandler(undefined);
      setPasswordChangeRequiredHandler(undefined);
    };
  }, [queryClient]);

  const value = useMemo<AuthState>(
    () => ({
      me,
      isLoading,
      error,
      retry: () => void refetch(),
      can: (permission) => me?.permissions.includes(permission) ?? false,
    }),
    [me, isLoading, error, refetch],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error("useAuth must be used inside AuthProvider");
  return state;
}
