import { DownOutlined, EditOutlined } from "@ant-design/icons";
import { Button, Dropdown, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Account } from "../../../../common/contracts/users.ts";
import { formatInstant } from "../../../app/dates.ts";

export type AccountAction = "edit" | "disable" | "enable" | "reset" | "endSessions";

type Props = {
  accounts: Account[];
  isLoading: boolean;
  /** The signed-in administrator (may not disable themselves nor reset their own password here). */
  selfId: number | null;
  onAction: (action: AccountAction, account: Account) => void;
};

/** Accounts with their roles in Vietnamese, the names of their scope's units, status and last sign-in. */
export function AccountsTable({ accounts, isLoading, selfId, onAction }: Props) {
  const { t } = useTranslation();
  return (
    <Table<Account>
      rowKey="id"
      size="middle"
      loading={isLoading}
      dataSource={accounts}
      pagination={{ defaultPageSize: 50, showSizeChanger: true, hideOnSinglePage: true }}
      scroll={{ x: 960 }}
      data-testid="accounts-table"
      rowClassName={(a) => (a.isActive ? "" : "account-disabled")}
      columns={[
        {
          key: "username",
          title: t("accounts.username"),
          dataIndex: "username",
          sorter: (a, b) => a.username.localeCompare(b.username),
          render: (username: string, a) => (
            <Space size={4}>
              <Typography.Text strong delete={!a.isActive}>
                {username}
              </Typography.Text>
              {a.id === selfId && <Tag>{t("accounts.you")}</Tag>}
            </Space>
          ),
        },
        {
          key: "displayName",
          title: t("accounts.displayName"),
          dataIndex: "displayName",
          sorter: (a, b) => a.displayName.localeCompare(b.displayName, "vi"),
        },
        {
          key: "roles",
          title: t("accounts.roles"),
          render: (_, a) => (
            <Space size={[4, 4]} wrap>
              {a.roles.map((role) => (
                <Tag key={role} color={role === "admin" ? "gold" : undefined}>
                  {t(`role.${role}`)}
                </Tag>
              ))}
            </Space>
          ),
        },
        {
          key: "scope",
          title: t("accounts.scope"),
          render: (_, a) =>
            a.roles.includes("admin") ? (
              <Typography.Text type="secondary">{t("accounts.scopeAll")}</Typography.Text>
            ) : a.scopeUnits.length ? (
              a.scopeUnits.map((u) => u.name).join("; ")
            ) : (
              <Typography.Text type="warning">{t("accounts.scopeNone")}</Typography.Text>
            ),
        },
        {
          key: "status",
          title: t("accounts.status"),
          filters: [
            { text: t("accounts.active"), value: true },
            { text: t("accounts.disabled"), value: false },
          ],
          onFilter: (value, a) => a.isActive === value,
          render: (_, a) => (
            <Space orientation="vertical" size={2}>
              {a.isActive ? (
                <Tag color="green">{t("accounts.active")}</Tag>
              ) : (
                <Tag color="red">{t("accounts.disabled")}</Tag>
              )}
              {a.isActive && a.mustChangePassword && <Tag color="orange">{t("accounts.mustChange")}</Tag>}
              {a.activeSessions > 0 && (
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("accounts.sessions", { count: a.activeSessions })}
                </Typography.Text>
              )}
            </Space>
          ),
        },
        {
          key: "lastLogin",
          title: t("accounts.lastLogin"),
          sorter: (a, b) => (a.lastLoginAt ?? "").localeCompare(b.lastLoginAt ?? ""),
          render: (_, a) =>
            a.lastLoginAt ? (
              formatInstant(a.lastLoginAt)
            ) : (
              <Typography.Text type="secondary">{t("accounts.never")}</Typography.Text>
            ),
        },
        {
          key: "actions",
          title: t("accounts.actions"),
          fixed: "right",
          render: (_, a) => {
            const isSelf = a.id === selfId;
            return (
              <Space size={4}>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => onAction("edit", a)}
                  data-testid={`account-edit-${a.username}`}
                >
                  {t("accounts.edit")}
                </Button>
                <Dropdown
                  trigger={["click"]}
                  menu={{
                    items: [
                      a.isActive
                        ? { key: "disable", label: t("accounts.disable"), danger: true, disabled: isSelf }
                        : { key: "enable", label: t("accounts.enable") },
                      { key: "reset", label: t("accounts.resetPassword"), disabled: isSelf },
                      { key: "endSessions", label: t("accounts.endSessions") },
                    ],
                    onClick: ({ key }) => onAction(key as AccountAction, a),
                  }}
                >
                  <Button
                    size="small"
                    aria-label={t("accounts.more", { name: a.username })}
                    data-testid={`account-more-${a.username}`}
                  >
                    <DownOutlined />
                  </Button>
                </Dropdown>
              </Space>
            );
          },
        },
      ]}
    />
  );
}
