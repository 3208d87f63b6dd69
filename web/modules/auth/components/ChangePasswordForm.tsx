import { Alert, Button, Form, Input, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { PASSWORD_MIN } from "../../../../common/contracts/auth.ts";
import { ApiError } from "../../../app/api-client.ts";
import { useLocale } from "../../../app/locale-context.tsx";
import { useChangePassword } from "../hooks/use-change-password.ts";
import { passwordRule } from "../utils/password-rule.ts";
import { throttledMessage } from "../utils/retry-wait.ts";

type Values = { currentPassword: string; newPassword: string; confirm: string };

/** The server's refusals that belong to one field; the others are shown above the form. */
const FIELD_OF_CODE: Record<string, keyof Values> = {
  AUTH_WRONG_PASSWORD: "currentPassword",
  AUTH_WEAK_PASSWORD: "newPassword",
  AUTH_COMMON_PASSWORD: "newPassword",
};
type Props = { username: string; onChanged: () => void };

/** Current password, new password twice; the checks mirror the server's password policy. */
export function ChangePasswordForm({ username, onChanged }: Props) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const change = useChangePassword();
  const [form] = Form.useForm<Values>();
  const error = change.error;
  const isFieldError = error instanceof ApiError && error.code in FIELD_OF_CODE;

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={({ currentPassword, newPassword }) =>
        change.mutate(
          { currentPassword, newPassword },
          {
            onSuccess: () => {
              form.resetFields();
              onChanged();
            },
            onError: (e) => {
              const field = e instanceof ApiError ? FIELD_OF_CODE[e.code] : undefined;
              if (field) form.setFields([{ name: field, errors: [e.message] }]);
            },
          },
        )
      }
      onValuesChange={() => change.isError && change.reset()}
    >
      {/* Lets password managers know whose password this is. */}
      <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
      {error && !isFieldError && (
        <Alert
          type="error"
          showIcon
          title={
            error instanceof ApiError && error.code === "RATE_LIMITED"
              ? throttledMessage(error, t)
              : error.message
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Form.Item
        name="currentPassword"
        label={t("password.current")}
        rules={[{ required: true, message: t("password.currentRequired") }]}
      >
        <Input.Password autoFocus autoComplete="current-password" data-testid="password-current" />
      </Form.Item>
      <Form.Item
        name="newPassword"
        label={t("password.next")}
        extra={
          <Typography.Text type="secondary">
            {t("password.hint", { rule: passwordRule(language) })}
          </Typography.Text>
        }
        dependencies={["currentPassword"]}
        rules={[
          { required: true, message: t("password.nextRequired") },
          { min: PASSWORD_MIN, message: t("password.tooShort", { min: PASSWORD_MIN }) },
          { max: 200, message: t("password.tooLong") },
          {
            validator: async (_, value: string | undefined) => {
              if (!value || value.length < PASSWORD_MIN) return;
              // The server's rule (passwordProblem) without its list of common passwords, which only the
              // server holds: its refusal is shown on this field.
              if (!/[A-Za-zÀ-ỹ]/.test(value) || !/\d/.test(value))
                throw new Error(t("password.needsLetterAndDigit"));
              if (value === form.getFieldValue("currentPassword"))
                throw new Error(t("password.sameAsCurrent"));
              if (username && value.toLowerCase().includes(username.toLowerCase()))
                throw new Error(t("password.containsUsername"));
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-new" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t("password.confirm")}
        dependencies={["newPassword"]}
        rules={[
          { required: true, message: t("password.nextRequired") },
          {
            validator: async (_, value: string | undefined) => {
              if (value && value !== form.getFieldValue("newPassword"))
                throw new Error(t("password.mismatch"));
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="password-confirm" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={change.isPending} data-testid="password-submit">
        {t("password.submit")}
      </Button>
    </Form>
  );
}
