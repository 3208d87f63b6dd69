import { GlobalOutlined } from "@ant-design/icons";
import { Button, Card, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Navigate, useLocation, useNavigate } from "react-router";
import { useAuth } from "../app/auth-context.tsx";
import { FullPageSpin } from "../app/FullPageSpin.tsx";
import { useLocale } from "../app/locale-context.tsx";
import { PASSWORD_PATH } from "../app/RequireAuth.tsx";
import { LoginForm } from "../modules/auth/components/LoginForm.tsx";

/** Where the browser goes after signing in: the page it came from, or the overview. */
function targetOf(state: unknown): string {
  const from = (state as { from?: unknown } | null)?.from;
  return typeof from === "string" && from.startsWith("/") && !from.startsWith("/login") ? from : "/";
}

export function LoginPage() {
  const { t } = useTranslation();
  const { me, isLoading } = useAuth();
  const { language, setLanguage } = useLocale();
  const location = useLocation();
  const navigate = useNavigate();

  if (isLoading) return <FullPageSpin />;
  if (me) return <Navigate to={me.mustChangePassword ? PASSWORD_PATH : targetOf(location.state)} replace />;

  return (
    <div
      style={{
        minHeight: "100vh",
        display: "grid",
        placeItems: "center",
        background: "linear-gradient(160deg, #eef3fa 0%, #f7f9fc 60%)",
        padding: 16,
      }}
    >
      <Card style={{ width: 380, maxWidth: "100%" }}>
        <div style={{ textAlign: "center", marginBottom: 24 }}>
          <Typography.Title level={2} style={{ marginBottom: 0 }}>
            {t("app.name")}
          </Typography.Title>
          <Typography.Text type="secondary">{t("login.subtitle")}</Typography.Text>
        </div>
        <LoginForm
          onSignedIn={(signedIn) =>
            navigate(signedIn.mustChangePassword ? PASSWORD_PATH : targetOf(location.state), {
              replace: true,
            })
          }
        />
        <div style={{ textAlign: "center", marginTop: 16 }}>
          <Button
            type="link"
            icon={<GlobalOutlined />}
            data-testid="lang-switch"
            onClick={() => setLanguage(language === "vi" ? "en" : "vi")}
          >
            {t("lang.switch")}
          </Button>
        </div>
      </Card>
    </div>
  );
}
