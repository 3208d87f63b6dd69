import { Alert, App, Card, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useAuth } from "../app/auth-context.tsx";
import { ChangePasswordForm } from "../modules/auth/components/ChangePasswordForm.tsx";

export function ChangePasswordPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { message } = App.useApp();
  const navigate = useNavigate();
  return (
    <Card style={{ maxWidth: 480 }}>
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t("password.title")}
      </Typography.Title>
      {me?.mustChangePassword && (
        <Alert type="warning" showIcon title={t("password.mustChange")} style={{ marginBottom: 16 }} />
      )}
      <ChangePasswordForm
        username={me?.username ?? ""}
        onChanged={() => {
          message.success(t("password.done"));
          navigate("/", { replace: true });
        }}
      />
    </Card>
  );
}
