import { Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { AuditEntryDto, AuditPage } from "../../../../common/contracts/audit.ts";
import { auditEntityTypeLabel } from "../../../../common/enums/audit.ts";
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

/** The audit log, paged by the server; a row opens to show the values before and after. */
export function AuditTable({ data, isLoading, page, pageSize, onPage }: Props) {
  const { t } = useTranslation();
  const { language } = useLocale();

  /** The subject by its name and code when the server named it; else its type and id. */
  const entity = (e: AuditEntryDto) => {
    const type = auditEntityTypeLabel(e.entityType, language);
    const text = e.subject
      ? `${e.subject.name}${e.subject.code ? ` (${e.subject.code})` : ""}`
      : e.entityId
        ? `${type} #${e.entityId}`
        : type;
    const link =
      e.entityType === "unit" && e.entityId
        ? `/units?id=${e.entityId}`
        : e.entityType === "cadre" && e.entityId
          ? `/cadres/${e.entityId}`
          : undefined;
    return (
      <span title={e.entityId ? `${type} #${e.entityId}` : type}>
        {link ? <Link to={link}>{text}</Link> : text}
        {e.subject && (
          <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
            {type}
          </Typography.Text>
        )}
      </span>
    );
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
        {
          title: t("audit.actor"),
          key: "actor",
          width: 170,
          render: (_, e) => (
            <span title={e.actorUsername}>
              {e.actorName ?? e.actorUsername}
              {e.actorName && (
                <Typography.Text type="secondary" style={{ display: "block", fontSize: 12 }}>
                  {e.actorUsername}
                </Typography.Text>
              )}
            </span>
          ),
        },
        {
          title: t("audit.action"),
          dataIndex: "action",
          width: 220,
          render: (action: string, e) => (
            <Tag color={action.startsWith("auth.") ? "default" : "blue"} title={action}>
              {e.actionLabel || actionLabel(action, language)}
            </Tag>
          ),
        },
        { title: t("audit.entity"), key: "entity", width: 220, render: (_, e) => entity(e) },
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
