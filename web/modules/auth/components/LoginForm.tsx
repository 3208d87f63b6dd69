import { LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Form, Input } from "antd";
import { useTranslation } from "react-i18next";
import type { LoginInput, Me } from "../../../../common/contracts/auth.ts";
import { ApiError } from "../../../app/api-client.ts";
import { useLogin } from "../hooks/use-login.ts";
import { throttledMessage } from "../utils/retry-wait.ts";

type Props = { onSignedIn: (me: Me) => void };

/** User name and password; Enter submits; the server's message (already in the user's language) is shown. */
export function LoginForm({ onSignedIn }: Props) {
  const { t } = useTranslation();
  const login = useLogin();
  const error = login.error;
  let problem: string | undefined;
  if (error instanceof ApiError)
    problem = error.code === "RATE_LIMITED" ? throttledMessage(error, t) : error.message;
  else if (error) problem = error.message;

  return (
    <Form<LoginInput>
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => login.mutate(values, { onSuccess: onSignedIn })}
      onValuesChange={() => login.isError && login.reset()}
    >
      {problem && (
        <Alert type="error" showIcon title={problem} style={{ marginBottom: 16 }} data-testid="login-error" />
      )}
      <Form.Item
        name="username"
        label={t("login.username")}
        rules={[{ required: true, whitespace: true, message: t("login.usernameRequired") }]}
      >
        <Input
          prefix={<UserOutlined />}
          autoFocus
          autoComplete="username"
          maxLength={100}
          data-testid="login-username"
        />
      </Form.Item>
      <Form.Item
        name="password"
        label={t("login.password")}
        rules={[{ required: true, message: t("login.passwordRequired") }]}
      >
        <Input.Password
          prefix={<LockOutlined />}
          autoComplete="current-password"
          maxLength={200}
          data-testid="login-password"
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={login.isPending} data-testid="login-submit">
        {t("login.submit")}
      </Button>
    </Form>
  );
}
