import {
  ClockCircleOutlined,
  GlobalOutlined,
  KeyOutlined,
  LogoutOutlined,
  UserOutlined,
} from "@ant-design/icons";
import { Button, Layout, Menu, type MenuProps, Space, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import { useLogout } from "../../modules/auth/hooks/use-logout.ts";
import { useAuth } from "../auth-context.tsx";
import { useLocale } from "../locale-context.tsx";
import { MODULES, menuSections, moduleKeyOf } from "./modules.tsx";

const { Header, Sider, Content } = Layout;

/** The frame of every signed-in page: side menu of modules, header with the user and the language. */
export function AppShell() {
  const { t } = useTranslation();
  const { me, can } = useAuth();
  const { language, setLanguage } = useLocale();
  const location = useLocation();
  const navigate = useNavigate();
  const logout = useLogout();
  const [collapsed, setCollapsed] = useState(false);

  const visible = MODULES.filter(
    (m) => (!m.permission || can(m.permission)) && (!m.needsOwnRecord || me?.cadreId != null),
  );
  const { built, comingSoon } = menuSections(visible);
  const items: NonNullable<MenuProps["items"]> = built.map((m) => ({
    key: m.key,
    icon: m.icon,
    label: (
      <Link to={m.path!} data-testid={`menu-${m.key}`}>
        {t(`menu.${m.key}`)}
      </Link>
    ),
  }));
  if (comingSoon.length) {
    items.push({ type: "divider" });
    items.push({
      key: "comingSoon",
      icon: <ClockCircleOutlined />,
      label: <span data-testid="menu-coming-soon">{`${t("app.comingSoon")} (${comingSoon.length})`}</span>,
      children: comingSoon.map((m) => ({
        key: m.key,
        icon: m.icon,
        disabled: true,
        label: <span data-testid={`menu-${m.key}`}>{t(`menu.${m.key}`)}</span>,
      })),
    });
  }

  return (
    <Layout style={{ minHeight: "100vh" }}>
      <Sider
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        width={272}
        theme="light"
        style={{
          borderInlineEnd: "1px solid rgba(5,5,5,0.06)",
          position: "sticky",
          top: 0,
          height: "100vh",
          overflowY: "auto",
        }}
      >
        <Link
          to="/"
          style={{
            display: "block",
            padding: collapsed ? "16px 8px" : "16px 24px",
            fontWeight: 700,
            fontSize: collapsed ? 14 : 18,
            color: "inherit",
            whiteSpace: "nowrap",
          }}
        >
          {t("app.name")}
        </Link>
        <Menu
          mode="inline"
          selectedKeys={[moduleKeyOf(location.pathname)]}
          items={items}
          style={{ paddingBottom: 56, borderInlineEnd: "none" }}
        />
      </Sider>
      <Layout>
        <Header
          style={{
            background: "#fff",
            paddingInline: 24,
            display: "flex",
            alignItems: "center",
            justifyContent: "space-between",
            borderBottom: "1px solid rgba(5,5,5,0.06)",
          }}
        >
          <Typography.Text strong>{t("app.title")}</Typography.Text>
          <Space size="middle">
            <Space size={4}>
              <UserOutlined />
              <Typography.Text data-testid="current-user">{me?.displayName}</Typography.Text>
            </Space>
            <Tooltip title={t("lang.current")}>
              <Button
                icon={<GlobalOutlined />}
                data-testid="lang-switch"
                onClick={() => setLanguage(language === "vi" ? "en" : "vi")}
              >
                {t("lang.switch")}
              </Button>
            </Tooltip>
            <Button
              icon={<KeyOutlined />}
              onClick={() => navigate("/password")}
              data-testid="change-password"
            >
              {t("header.changePassword")}
            </Button>
            <Button
              icon={<LogoutOutlined />}
              data-testid="logout"
              loading={logout.isPending}
              onClick={() => logout.mutate()}
            >
              {t("header.logout")}
            </Button>
          </Space>
        </Header>
        <Content style={{ padding: 24, minWidth: 0 }}>
          <Outlet />
        </Content>
      </Layout>
    </Layout>
  );
}
