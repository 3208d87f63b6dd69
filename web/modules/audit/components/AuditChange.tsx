import { Col, Descriptions, Row, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { AuditEntryDto } from "../../../../common/contracts/audit.ts";

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

/** The values before and after a change, side by side, with where the request came from. */
export function AuditChange({ entry }: { entry: AuditEntryDto }) {
  const { t } = useTranslation();
  return (
    <div data-testid={`audit-change-${entry.id}`}>
      {entry.masked.length > 0 && (
        <Typography.Text type="secondary" style={{ display: "block", marginBottom: 8 }}>
          {t("audit.masked", { fields: entry.masked.join(", ") })}
        </Typography.Text>
      )}
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
      <Descriptions
        size="small"
        column={2}
        style={{ marginTop: 12 }}
        items={[
          { key: "request", label: t("audit.requestId"), children: entry.requestId ?? t("app.none") },
          { key: "ip", label: t("audit.ip"), children: entry.ip ?? t("app.none") },
        ]}
      />
    </div>
  );
}
