import { CopyOutlined } from "@ant-design/icons";
import { Alert, App, Button, Form, Input, Modal, Radio, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Account } from "../../../../common/contracts/users.ts";
import { ApiError } from "../../../app/api-client.ts";
import { FormModal } from "../../../app/FormModal.tsx";
import { applyServerError } from "../../../app/form-errors.ts";
import { useLocale } from "../../../app/locale-context.tsx";
import { useResetPassword } from "../hooks/use-accounts.ts";
import { passwordRule } from "../utils/password-rule.ts";

const PASSWORD_CODES = new Set(["AUTH_WEAK_PASSWORD", "AUTH_COMMON_PASSWORD"]);

type Values = { mode: "generate" | "choose"; password?: string };

type Props = { account: Account; onClose: () => void };

/**
 * Resets an account's password: a generated one, shown once here with a copy button, or one the
 * administrator types. The user must change it at the next sign-in.
 */
export function ResetPasswordModal({ account, onClose }: Props) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string>();
  const [oneTime, setOneTime] = useState<string>();
  const reset = useResetPassword();
  const mode = Form.useWatch("mode", form) ?? "generate";

  if (oneTime) return <OneTimePassword account={account} password={oneTime} onClose={onClose} />;

  const submit = (values: Values) => {
    setProblem(undefined);
    reset.mutate(
      { id: account.id, ...(values.mode === "choose" ? { password: values.password } : {}) },
      {
        onSuccess: (result) => {
          message.success(t("accounts.resetDone", { name: account.username }));
          if (result.password) setOneTime(result.password);
          else onClose();
        },
        onError: (error) => {
          // A chosen password the server's rule refuses belongs next to it.
          if (error instanceof ApiError && PASSWORD_CODES.has(error.code) && values.mode === "choose") {
            form.setFields([{ name: "password", errors: [error.message] }]);
            return;
          }
          setProblem(applyServerError(form, error, ["password"]));
        },
      },
    );
  };

  return (
    <FormModal<Values>
      open
      title={t("accounts.resetTitle", { name: account.username })}
      submitLabel={t("accounts.resetSubmit")}
      form={form}
      initialValues={{ mode: "generate" }}
      isPending={reset.isPending}
      problem={problem}
      isDanger
      submitTestId="reset-submit"
      onSubmit={submit}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t("accounts.resetExplain")}</Typography.Paragraph>
      <Form.Item name="mode">
        <Radio.Group data-testid="reset-mode">
          <Space orientation="vertical">
            <Radio value="generate" autoFocus>
              {t("accounts.resetGenerate")}
            </Radio>
            <Radio value="choose">{t("accounts.resetChoose")}</Radio>
          </Space>
        </Radio.Group>
      </Form.Item>
      {mode === "choose" && (
        <Form.Item
          name="password"
          label={t("accounts.newPassword")}
          extra={t("accounts.passwordHint", { rule: passwordRule(language) })}
          rules={[
            { required: true, message: t("password.nextRequired") },
            { max: 200, message: t("password.tooLong") },
          ]}
        >
          <Input.Password autoFocus autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
      )}
    </FormModal>
  );
}

/** The generated password, this once, with a copy button; closing forgets it. */
function OneTimePassword({
  account,
  password,
  onClose,
}: {
  account: Account;
  password: string;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(password);
      message.success(t("accounts.copied"));
    } catch {
      message.error(t("accounts.copyFailed"));
    }
  };
  return (
    <Modal
      open
      title={t("accounts.oneTimeTitle", { name: account.username })}
      onCancel={onClose}
      mask={{ closable: false }}
      footer={
        <Button type="primary" onClick={onClose} data-testid="one-time-close">
          {t("app.close")}
        </Button>
      }
    >
      <Alert type="warning" showIcon title={t("accounts.oneTimeExplain")} style={{ marginBottom: 16 }} />
      <Space.Compact style={{ width: "100%" }}>
        <Input
          readOnly
          value={password}
          aria-label={t("accounts.newPassword")}
          onFocus={(e) => e.target.select()}
          style={{ fontFamily: "monospace", fontSize: 16 }}
          data-testid="one-time-password"
        />
        <Button icon={<CopyOutlined />} onClick={copy} autoFocus data-testid="one-time-copy">
          {t("accounts.copy")}
        </Button>
      </Space.Compact>
    </Modal>
  );
}
