import { Button, Result } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation } from "react-router";
import { useAuth } from "./auth-context.tsx";
import { FullPageSpin } from "./FullPageSpin.tsx";

export const PASSWORD_PATH = "/password";

/** Only signed-in users pass; a user who must change the password is held on that page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { me, isLoading, error, retry } = useAuth();
  const { t } = useTranslation();
  const location = useLocation();
  if (error && me === undefined)
    return (
      <Result
        status="500"
        title={t("app.unreachable")}
        subTitle={error.message}
        extra={
          <Button type="primary" onClick={retry}>
            {t("app.retry")}
          </Button>
        }
      />
    );
  if (isLoading || me === undefined) return <FullPageSpin />;
  if (!me) {
    const from = location.pathname + location.search;
    return <Navigate to="/login" replace state={{ from }} />;
  }
  if (me.mustChangePassword && location.pathname !== PASSWORD_PATH)
    return <Navigate to={PASSWORD_PATH} replace />;
  return children;
}
