import { Alert, Card, Col, Row, Space, Statistic, Table, Typography } from "antd";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { UnitImportError, UnitImportReport } from "../../../../common/contracts/units.ts";

/**
 * What a run of the tree import found or did: units new, ended, unchanged, lineage links, and the row
 * errors (sheet, row, column, reason). A report with errors wrote nothing, dry run or not.
 */
export function TreeImportReportView({ report }: { report: UnitImportReport }) {
  const { t } = useTranslation();
  const top = useRef<HTMLDivElement>(null);
  // The report appears below the file step (the result below the check): bring it into view once.
  useEffect(() => {
    top.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  }, []);
  const hasErrors = report.errors.length > 0;
  const rowsWithErrors = new Set(report.errors.map((e) => `${e.sheet}:${e.row}`)).size;

  let status: { type: "success" | "error"; text: string };
  if (hasErrors) {
    status = {
      type: "error",
      text: t(report.dryRun ? "unitImport.hasErrors" : "unitImport.notCommitted", {
        count: report.errors.length,
        rows: rowsWithErrors,
      }),
    };
  } else {
    status = {
      type: "success",
      text: report.dryRun
        ? t("unitImport.clean")
        : t("unitImport.committed", {
            created: report.created,
            ended: report.ended,
            links: report.linksCreated,
          }),
    };
  }

  const counts = [
    ["rows", report.rows, undefined],
    ["created", report.created, "#0b5cad"],
    ["ended", report.ended, "#d48806"],
    ["unchanged", report.unchanged, undefined],
    ["links", report.links, undefined],
    ["linksCreated", report.linksCreated, "#0b5cad"],
  ] as const;

  return (
    <Space
      orientation="vertical"
      size="middle"
      style={{ width: "100%" }}
      data-testid="tree-import-report"
      ref={top}
    >
      <Alert type={status.type} showIcon title={status.text} data-testid="tree-import-status" />
      <Row gutter={[8, 8]}>
        {counts.map(([key, value, color]) => (
          <Col key={key} xs={12} md={8}>
            <Card size="small">
              <Statistic
                title={t(`unitImport.${key}`)}
                value={value}
                styles={{ content: color && value ? { color } : undefined }}
                data-testid={`tree-import-count-${key}`}
              />
            </Card>
          </Col>
        ))}
      </Row>
      {hasErrors && (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t("unitImport.errors")}: {report.errors.length}
          </Typography.Title>
          <Table<UnitImportError>
            data-testid="tree-import-errors"
            size="small"
            rowKey={(e) => `${e.sheet}:${e.row}:${e.column ?? ""}:${e.message}`}
            dataSource={report.errors}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: t("unitImport.sheet"), dataIndex: "sheet", width: 100 },
              { title: t("unitImport.row"), dataIndex: "row", width: 70, align: "right" },
              {
                title: t("unitImport.column"),
                key: "column",
                width: 170,
                render: (_, e) =>
                  e.column ?? <Typography.Text type="secondary">{t("unitImport.wholeRow")}</Typography.Text>,
              },
              { title: t("unitImport.message"), dataIndex: "message" },
            ]}
          />
        </>
      )}
    </Space>
  );
}
