import { Col, Descriptions, Row, Switch, Table, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { AuditEntryDto, AuditChange as Change } from "../../../../common/contracts/audit.ts";
import { auditFieldLabel } from "../../../../common/enums/audit.ts";
import { useLocale } from "../../../app/locale-context.tsx";

function Json({ value }: { value: unknown }) {
  const { t } = useTranslation();
  if (value === null || value === undefined)
    return <Typography.Text type="secondary">{t("audit.empty")}</Typography.Text>;
  return (
    <pre
      style={{
        margin: 0,
        padding: 12,
        background: "#fafafa",
        border: "1px solid #f0f0f0",
        borderRadius: 6,
        fontSize: 12,
        maxHeight: 320,
        overflow: "auto",
        whiteSpace: "pre-wrap",
        wordBreak: "break-word",
      }}
    >
      {JSON.stringify(value, null, 2)}
    </pre>
  );
}

function Value({ value }: { value: string | null }) {
  const { t } = useTranslation();
  if (value === null) return <Typography.Text type="secondary">{t("audit.empty")}</Typography.Text>;
  return <span style={{ whiteSpace: "pre-wrap", wordBreak: "break-word" }}>{value}</span>;
}

/** The changed fields (Trường | Trước | Sau), named and formatted by the server; raw values on request. */
export function AuditChange({ entry }: { entry: AuditEntryDto }) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const [isRaw, setRaw] = useState(false);
  return (
    <div data-testid={`audit-change-${entry.id}`}>
      {entry.masked.length > 0 && (
        <Typography.Text type="secondary" style={{ display: "block", marginBottom: 8 }}>
          {t("audit.masked", { fields: entry.masked.map((f) => auditFieldLabel(f, language)).join(", ") })}
        </Typography.Text>
      )}
      {isRaw ? (
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Typography.Text strong style={{ display: "block", marginBottom: 4 }}>
              {t("audit.before")}
            </Typography.Text>
            <Json value={entry.before} />
          </Col>
          <Col xs={24} md={12}>
            <Typography.Text strong style={{ display: "block", marginBottom: 4 }}>
              {t("audit.after")}
            </Typography.Text>
            <Json value={entry.after} />
          </Col>
        </Row>
      ) : (
        <Table<Change>
          data-testid={`audit-changes-${entry.id}`}
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={entry.changes}
          locale={{ emptyText: t("audit.noChanges") }}
          columns={[
            {
              title: t("audit.field"),
              dataIndex: "label",
              width: "28%",
              render: (label: string, c) => <span title={c.field}>{label}</span>,
            },
            {
              title: t("audit.before"),
              dataIndex: "before",
              render: (v: string | null) => <Value value={v} />,
            },
            {
              title: t("audit.after"),
              dataIndex: "after",
              render: (v: string | null) => <Value value={v} />,
            },
          ]}
        />
      )}
      <Descriptions
        size="small"
        column={3}
        style={{ marginTop: 12 }}
        items={[
          {
            key: "raw",
            label: t("audit.raw"),
            children: <Switch size="small" checked={isRaw} onChange={setRaw} data-testid="audit-raw" />,
          },
          { key: "request", label: t("audit.requestId"), children: entry.requestId ?? t("app.none") },
          { key: "ip", label: t("audit.ip"), children: entry.ip ?? t("app.none") },
        ]}
      />
    </div>
  );
}
