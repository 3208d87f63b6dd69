import { PlusOutlined } from "@ant-design/icons";
import { Alert, App, Button, Input, Space, Typography } from "antd";
import { useDeferredValue, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Account } from "../../common/contracts/users.ts";
import { foldVietnamese } from "../../common/text/vietnamese.ts";
import { useAuth } from "../app/auth-context.tsx";
import { todayIso } from "../app/dates.ts";
import { PageHeader } from "../app/PageHeader.tsx";
import { AccountFormModal } from "../modules/auth/components/AccountFormModal.tsx";
import { type AccountAction, AccountsTable } from "../modules/auth/components/AccountsTable.tsx";
import { ResetPasswordModal } from "../modules/auth/components/ResetPasswordModal.tsx";
import {
  useAccounts,
  useDisableAccount,
  useEnableAccount,
  useEndSessions,
} from "../modules/auth/hooks/use-accounts.ts";
import { useUnitTree } from "../modules/units/hooks/use-unit-queries.ts";
import { indexUnits } from "../modules/units/utils/unit-tree.ts";

type Open = { kind: "create" } | { kind: "edit" | "reset"; account: Account } | undefined;

/**
 * Tài khoản: administrators create accounts, change their roles and scope, disable and enable them,
 * reset passwords (a generated one is shown once) and end sessions. The server checks every step again.
 */
export function AccountsPage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const { message, modal } = App.useApp();
  const accounts = useAccounts();
  const tree = useUnitTree(todayIso());
  const index = useMemo(() => indexUnits(tree.data?.nodes ?? []), [tree.data]);
  const [search, setSearch] = useState("");
  const query = foldVietnamese(useDeferredValue(search).trim());
  const [open, setOpen] = useState<Open>();
  const disable = useDisableAccount();
  const enable = useEnableAccount();
  const endSessions = useEndSessions();

  const shown = useMemo(
    () =>
      (accounts.data ?? []).filter(
        (a) => !query || foldVietnamese(`${a.username} ${a.displayName}`).includes(query),
      ),
    [accounts.data, query],
  );

  const confirm = (content: string, isDanger: boolean, run: () => Promise<string>) =>
    modal.confirm({
      title: t("app.title"),
      content,
      okButtonProps: { danger: isDanger },
      okText: t("app.yes"),
      cancelText: t("app.no"),
      autoFocusButton: "cancel",
      onOk: async () => {
        try {
          message.success(await run());
        } catch (error) {
          message.error(error instanceof Error ? error.message : String(error));
        }
      },
    });

  const onAction = (action: AccountAction, account: Account) => {
    const name = account.username;
    switch (action) {
      case "edit":
      case "reset":
        setOpen({ kind: action, account });
        return;
      case "disable":
        confirm(t("accounts.confirmDisable", { name }), true, async () => {
          await disable.mutateAsync(account.id);
          return t("accounts.disabledDone", { name });
        });
        return;
      case "enable":
        confirm(t("accounts.confirmEnable", { name }), false, async () => {
          await enable.mutateAsync(account.id);
          return t("accounts.enabledDone", { name });
        });
        return;
      case "endSessions":
        confirm(
          account.id === me?.id
            ? t("accounts.confirmEndOwnSessions")
            : t("accounts.confirmEndSessions", { name }),
          true,
          async () => {
            const { ended } = await endSessions.mutateAsync(account.id);
            return t("accounts.sessionsEnded", { count: ended, name });
          },
        );
        return;
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <PageHeader
        title={t("accounts.title")}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => setOpen({ kind: "create" })}
            data-testid="account-create"
          >
            {t("accounts.create")}
          </Button>
        }
      />
      <Typography.Text type="secondary">{t("accounts.intro")}</Typography.Text>
      <Space wrap>
        <Input.Search
          allowClear
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          placeholder={t("accounts.search")}
          aria-label={t("accounts.search")}
          style={{ width: 320 }}
          data-testid="accounts-search"
        />
        {accounts.data && (
          <Typography.Text type="secondary">{t("accounts.count", { count: shown.length })}</Typography.Text>
        )}
      </Space>
      {accounts.error ? (
        <Alert
          type="error"
          showIcon
          title={accounts.error.message}
          action={
            <Button size="small" onClick={() => accounts.refetch()}>
              {t("app.retry")}
            </Button>
          }
        />
      ) : (
        <AccountsTable
          accounts={shown}
          isLoading={accounts.isLoading}
          selfId={me?.id ?? null}
          onAction={onAction}
        />
      )}
      {(open?.kind === "create" || open?.kind === "edit") && (
        <AccountFormModal
          key={open.kind === "edit" ? open.account.id : "new"}
          account={open.kind === "edit" ? open.account : undefined}
          index={index}
          open
          onClose={() => setOpen(undefined)}
        />
      )}
      {open?.kind === "reset" && (
        <ResetPasswordModal account={open.account} onClose={() => setOpen(undefined)} />
      )}
    </Space>
  );
}
