import { CheckCircleTwoTone, CloseCircleTwoTone } from "@ant-design/icons";
import { useQuery } from "@tanstack/react-query";
import { Alert, Card, Col, Descriptions, Row, Skeleton, Space, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { useAuth } from "../app/auth-context.tsx";

type Health = { status: "ok" | "degraded"; database: "pglite" | "postgres"; version: string };

/** GET /api/health answers 503 with the same body when the database is unreachable. */
async function fetchHealth(): Promise<Health> {
  const response = await fetch("/api/health", { headers: { Accept: "application/json" } });
  if (response.status !== 200 && response.status !== 503) throw new Error(`HTTP ${response.status}`);
  return (await response.json()) as Health;
}

function StatusText({ isOk }: { isOk: boolean }) {
  const { t } = useTranslation();
  return (
    <Space size={6} data-testid="health-status">
      {isOk ? <CheckCircleTwoTone twoToneColor="#52c41a" /> : <CloseCircleTwoTone twoToneColor="#ff4d4f" />}
      <span>{isOk ? t("home.ok") : t("home.down")}</span>
    </Space>
  );
}

/** Tổng quan: who is signed in, what they may reach, and whether the system is healthy. */
export function HomePage() {
  const { t } = useTranslation();
  const { me } = useAuth();
  const health = useQuery({
    queryKey: ["system", "health"],
    queryFn: fetchHealth,
    refetchInterval: 60_000,
  });
  if (!me) return null;

  let scope: ReactNode;
  if (me.scope === "all") scope = <Tag color="blue">{t("home.scopeAll")}</Tag>;
  else if (me.scope.length === 0)
    scope = <Typography.Text type="secondary">{t("home.scopeNone")}</Typography.Text>;
  else
    scope = (
      <Space size={[4, 4]} wrap>
        {me.scope.map((u) => (
          <Link key={u.id} to={`/units?id=${u.id}`}>
            <Tag>{u.name}</Tag>
          </Link>
        ))}
      </Space>
    );

  return (
    <>
      <Typography.Title level={3} style={{ marginTop: 0 }} data-testid="home-welcome">
        {t("home.welcome", { name: me.displayName })}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={t("home.account")}>
            <Descriptions
              column={1}
              items={[
                { key: "username", label: t("home.username"), children: me.username },
                {
                  key: "roles",
                  label: t("home.roles"),
                  children: (
                    <Space size={[4, 4]} wrap>
                      {me.roles.map((r) => (
                        <Tag key={r} color="geekblue">
                          {t(`role.${r}`)}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
                { key: "scope", label: t("home.scope"), children: scope },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={t("home.health")}>
            {health.isLoading && <Skeleton active paragraph={{ rows: 2 }} />}
            {health.error && <Alert type="error" showIcon title={health.error.message} />}
            {health.data && (
              <Descriptions
                column={1}
                items={[
                  {
                    key: "status",
                    label: t("home.status"),
                    children: <StatusText isOk={health.data.status === "ok"} />,
                  },
                  {
                    key: "database",
                    label: t("home.database"),
                    children: t(`home.engine.${health.data.database}`),
                  },
                  { key: "version", label: t("home.version"), children: health.data.version },
                ]}
              />
            )}
            <a href="/api/docs" target="_blank" rel="noreferrer">
              {t("home.apiDocs")}
            </a>
          </Card>
        </Col>
      </Row>
    </>
  );
}
