import { Result } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Permission } from "../../common/enums/auth.ts";
import { useAuth } from "./auth-context.tsx";

/** Shows the page only to users holding the permission; the server checks it again. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useAuth();
  const { t } = useTranslation();
  if (!can(permission)) return <Result status="403" title="403" subTitle={t("app.forbidden")} />;
  return children;
}
