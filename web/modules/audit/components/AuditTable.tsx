import { Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { AuditEntryDto, AuditPage } from "../../../../common/contracts/audit.ts";
import { formatInstant } from "../../../app/dates.ts";
import { useLocale } from "../../../app/locale-context.tsx";
import { actionLabel } from "../utils/action-labels.ts";
import { AuditChange } from "./AuditChange.tsx";

type Props = {
  data: AuditPage | undefined;
  isLoading: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
};

const KNOWN_ENTITY_TYPES = new Set(["unit", "user", "cadre", "title", "seat", "code"]);

/** The audit log, paged by the server; a row opens to show the values before and after. */
export function AuditTable({ data, isLoading, page, pageSize, onPage }: Props) {
  const { t } = useTranslation();
  const { language } = useLocale();

  const entity = (e: AuditEntryDto) => {
    const type = KNOWN_ENTITY_TYPES.has(e.entityType)
      ? t(`entityType.${e.entityType as "unit"}`)
      : e.entityType;
    if (e.entityType === "unit" && e.entityId)
      return <Link to={`/units?id=${e.entityId}`}>{`${type} #${e.entityId}`}</Link>;
    if (e.entityType === "cadre" && e.entityId)
      return <Link to={`/cadres/${e.entityId}`}>{`${type} #${e.entityId}`}</Link>;
    return e.entityId ? `${type} #${e.entityId}` : type;
  };

  return (
    <Table<AuditEntryDto>
      data-testid="audit-table"
      rowKey="id"
      size="middle"
      loading={isLoading}
      dataSource={data?.items ?? []}
      expandable={{ expandedRowRender: (entry) => <AuditChange entry={entry} /> }}
      pagination={{
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, 200],
        showTotal: (total) => t("audit.total", { count: total }),
        onChange: onPage,
      }}
      scroll={{ x: 900 }}
      columns={[
        {
          title: t("audit.at"),
          dataIndex: "at",
          width: 170,
          render: (at: string) => <span style={{ whiteSpace: "nowrap" }}>{formatInstant(at)}</span>,
        },
        { title: t("audit.actor"), dataIndex: "actorUsername", width: 140 },
        {
          title: t("audit.action"),
          dataIndex: "action",
          width: 220,
          render: (action: string) => (
            <Tag color={action.startsWith("auth.") ? "default" : "blue"} title={action}>
              {actionLabel(action, language)}
            </Tag>
          ),
        },
        { title: t("audit.entity"), key: "entity", width: 150, render: (_, e) => entity(e) },
        {
          title: t("audit.reason"),
          dataIndex: "reason",
          render: (reason: string | null) =>
            reason ? (
              <Typography.Paragraph ellipsis={{ rows: 2, tooltip: reason }} style={{ margin: 0 }}>
                {reason}
              </Typography.Paragraph>
            ) : (
              <Typography.Text type="secondary">{t("app.none")}</Typography.Text>
            ),
        },
      ]}
    />
  );
}
