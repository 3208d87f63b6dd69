import { App, Checkbox, Form, Input, Typography } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Account } from "../../../../common/contracts/users.ts";
import { type Permission, ROLES, type Role } from "../../../../common/enums/auth.ts";
import { ApiError } from "../../../app/api-client.ts";
import { FormModal } from "../../../app/FormModal.tsx";
import { applyServerError } from "../../../app/form-errors.ts";
import { useLocale } from "../../../app/locale-context.tsx";
import type { UnitIndex } from "../../units/utils/unit-tree.ts";
import { useCreateAccount, useUpdateAccount } from "../hooks/use-accounts.ts";
import { passwordRule } from "../utils/password-rule.ts";
import { ScopeUnitsField } from "./ScopeUnitsField.tsx";

type Values = {
  username: string;
  displayName: string;
  password: string;
  roles: Role[];
  scopeUnitIds: number[];
  sensitive: boolean;
};
const FIELDS = ["username", "displayName", "password", "roles", "scopeUnitIds", "sensitive"] as const;
const SENSITIVE: Permission = "cadres.sensitive";

/** The server's refusals that belong to one field (it alone knows the taken names and common passwords). */
const FIELD_OF_CODE: Record<string, (typeof FIELDS)[number]> = {
  AUTH_USER_EXISTS: "username",
  AUTH_WEAK_PASSWORD: "password",
  AUTH_COMMON_PASSWORD: "password",
  AUTH_SCOPE_UNIT_NOT_FOUND: "scopeUnitIds",
};

type Props = {
  /** The account to edit; a new one when absent. */
  account?: Account;
  index: UnitIndex;
  open: boolean;
  onClose: () => void;
};

/** Creates an account or changes one: name, roles, scope, the sensitive-data grant. */
export function AccountFormModal({ account, index, open, onClose }: Props) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string>();
  const create = useCreateAccount();
  const update = useUpdateAccount();
  const roles = Form.useWatch("roles", form) ?? account?.roles ?? [];
  const isAdmin = roles.includes("admin");
  const knownNames = useMemo(
    () => new Map((account?.scopeUnits ?? []).map((u) => [u.id, u.name] as const)),
    [account],
  );

  const submit = (values: Values) => {
    setProblem(undefined);
    // The sensitive-data grant is edited here; other grants of the account are kept as they are.
    const others = (account?.extraPermissions ?? []).filter((p) => p !== SENSITIVE) as Permission[];
    const extraPermissions = values.sensitive ? [...others, SENSITIVE] : others;
    const common = {
      displayName: values.displayName.trim(),
      roles: values.roles,
      scopeUnitIds: values.scopeUnitIds ?? [],
      extraPermissions,
    };
    const onError = (error: unknown) => {
      const field = error instanceof ApiError ? FIELD_OF_CODE[error.code] : undefined;
      // The user name and password are only in the form of a new account.
      if (field && (!account || (field !== "username" && field !== "password"))) {
        form.setFields([{ name: field, errors: [(error as ApiError).message] }]);
        form.scrollToField(field);
        return;
      }
      setProblem(applyServerError(form, error, FIELDS));
    };
    if (account)
      update.mutate(
        { id: account.id, ...common },
        {
          onSuccess: (saved) => {
            message.success(t("accounts.updated", { name: saved.username }));
            onClose();
          },
          onError,
        },
      );
    else
      create.mutate(
        { ...common, username: values.username.trim().toLowerCase(), password: values.password },
        {
          onSuccess: (created) => {
            message.success(t("accounts.created", { name: created.username }));
            onClose();
          },
          onError,
        },
      );
  };

  return (
    <FormModal<Values>
      open={open}
      title={account ? t("accounts.editTitle", { name: account.username }) : t("accounts.createTitle")}
      submitLabel={t("app.save")}
      form={form}
      width={640}
      initialValues={
        account
          ? {
              displayName: account.displayName,
              roles: account.roles,
              scopeUnitIds: account.scopeUnitIds,
              sensitive: account.extraPermissions.includes(SENSITIVE),
            }
          : { roles: ["officer"], scopeUnitIds: [], sensitive: false }
      }
      isPending={create.isPending || update.isPending}
      problem={problem}
      submitTestId="account-form-submit"
      onSubmit={submit}
      onCancel={onClose}
    >
      {!account && (
        <Form.Item
          name="username"
          label={t("accounts.username")}
          extra={t("accounts.usernameRule")}
          rules={[
            { required: true, whitespace: true, message: t("accounts.usernameRequired") },
            { pattern: /^\s*[a-zA-Z0-9._-]{3,50}\s*$/, message: t("accounts.usernameRule") },
          ]}
        >
          <Input autoFocus autoComplete="off" maxLength={50} data-testid="account-username" />
        </Form.Item>
      )}
      <Form.Item
        name="displayName"
        label={t("accounts.displayName")}
        rules={[{ required: true, whitespace: true, message: t("accounts.displayNameRequired") }]}
      >
        <Input autoFocus={!!account} maxLength={200} data-testid="account-display-name" />
      </Form.Item>
      {!account && (
        <Form.Item
          name="password"
          label={t("accounts.password")}
          extra={t("accounts.passwordHint", { rule: passwordRule(language) })}
          rules={[
            { required: true, message: t("accounts.passwordRequired") },
            { max: 200, message: t("password.tooLong") },
          ]}
        >
          <Input.Password autoComplete="new-password" data-testid="account-password" />
        </Form.Item>
      )}
      <Form.Item
        name="roles"
        label={t("accounts.roles")}
        rules={[{ required: true, type: "array", min: 1, message: t("accounts.rolesRequired") }]}
      >
        <Checkbox.Group
          options={ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          data-testid="account-roles"
        />
      </Form.Item>
      <Form.Item
        name="scopeUnitIds"
        label={t("accounts.scope")}
        extra={
          isAdmin ? (
            <Typography.Text type="secondary">{t("accounts.scopeAll")}</Typography.Text>
          ) : (
            t("accounts.scopeHelp")
          )
        }
      >
        <ScopeUnitsField index={index} knownNames={knownNames} />
      </Form.Item>
      <Form.Item name="sensitive" valuePropName="checked">
        <Checkbox data-testid="account-sensitive">{t("accounts.sensitive")}</Checkbox>
      </Form.Item>
    </FormModal>
  );
}
