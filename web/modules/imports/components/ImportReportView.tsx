import { DownloadOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Col, Row, Space, Statistic, Table, Typography } from "antd";
import { useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ImportReport, ImportRowError } from "../../../../common/contracts/imports.ts";
import { REPORT_ERRORS_MAX } from "../../../../common/contracts/imports.ts";
import { apiDownload, saveDownload } from "../../../app/api-client.ts";
import { useLocale } from "../../../app/locale-context.tsx";

/**
 * What a run found or did: people new, changed, unchanged (courses added and already recorded, for a file of
 * training courses), and the bad rows (row number, column,
 * reason), with the error file to fix and upload again.
 */
export function ImportReportView({ report }: { report: ImportReport }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { language } = useLocale();
  const [isDownloading, setDownloading] = useState(false);
  const top = useRef<HTMLDivElement>(null);
  // The report appears below the fold of the file step: bring it into view once.
  useEffect(() => {
    top.current?.scrollIntoView({ behavior: "smooth", block: "start" });
  }, []);
  const hasErrors = report.errorCount > 0;
  const isTrainings = report.content === "trainings";

  const downloadErrors = async () => {
    if (!report.errorFileUrl) return;
    setDownloading(true);
    try {
      const path = report.errorFileUrl.replace(/^\/api/, "");
      saveDownload(await apiDownload(path, undefined, `loi.${report.format}`));
    } catch (error) {
      message.error(t("app.downloadFailed", { message: (error as Error).message }));
    } finally {
      setDownloading(false);
    }
  };

  let status: { type: "success" | "error" | "warning"; text: string };
  if (report.dryRun)
    status = hasErrors
      ? {
          type: "error",
          text: t("imports.hasErrors", { count: report.errorCount, rows: report.invalidRows }),
        }
      : { type: "success", text: t("imports.clean") };
  else
    status = report.committed
      ? {
          type: "success",
          text: isTrainings
            ? t("imports.committedTrainings", {
                added: report.trainings?.added ?? 0,
                unchanged: report.trainings?.unchanged ?? 0,
              })
            : t("imports.committed", { created: report.created, updated: report.updated }),
        }
      : { type: "error", text: t("imports.notCommitted") };

  return (
    <Space
      orientation="vertical"
      size="middle"
      style={{ width: "100%" }}
      data-testid="import-report"
      ref={top}
    >
      <Alert type={status.type} showIcon title={status.text} data-testid="import-status" />
      <Row gutter={12}>
        {(isTrainings
          ? ([
              ["rows", report.rows, undefined],
              ["trainingsAdded", report.trainings?.added ?? 0, "#0b5cad"],
              ["trainingsUnchanged", report.trainings?.unchanged ?? 0, undefined],
              ["errorRows", report.invalidRows, report.invalidRows ? "#cf1322" : undefined],
            ] as const)
          : ([
              ["rows", report.rows, undefined],
              ["created", report.created, "#0b5cad"],
              ["updated", report.updated, "#d48806"],
              ["unchanged", report.unchanged, undefined],
              ["errorRows", report.invalidRows, report.invalidRows ? "#cf1322" : undefined],
            ] as const)
        ).map(([key, value, color]) => (
          <Col key={key} xs={12} md={4}>
            <Card size="small">
              <Statistic
                title={t(`imports.${key}`)}
                value={value}
                styles={{ content: color ? { color } : undefined }}
                data-testid={`import-count-${key}`}
              />
            </Card>
          </Col>
        ))}
        <Col xs={24} md={4} style={{ display: "flex", alignItems: "center" }}>
          <Typography.Text type="secondary">
            {t("imports.seconds", {
              seconds: report.seconds.toLocaleString(language === "vi" ? "vi-VN" : "en-GB", {
                maximumFractionDigits: 1,
              }),
            })}
          </Typography.Text>
        </Col>
      </Row>
      {hasErrors && (
        <>
          <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", gap: 12 }}>
            <Typography.Title level={5} style={{ margin: 0 }}>
              {t("imports.errors")}: {report.errorCount}
            </Typography.Title>
            {report.errorFileUrl && (
              <Button
                icon={<DownloadOutlined />}
                onClick={downloadErrors}
                loading={isDownloading}
                data-testid="import-error-file"
              >
                {t("imports.errorFile")}
              </Button>
            )}
          </div>
          {report.errorsTruncated && (
            <Alert type="warning" title={t("imports.truncated", { max: REPORT_ERRORS_MAX })} />
          )}
          <Table<ImportRowError>
            data-testid="import-errors"
            size="small"
            rowKey={(e) => `${e.row}:${e.column ?? ""}:${e.message}`}
            dataSource={report.errors}
            pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
            columns={[
              { title: t("imports.row"), dataIndex: "row", width: 80, align: "right" },
              {
                title: t("imports.column"),
                key: "column",
                width: 220,
                render: (_, e) =>
                  e.header ??
                  e.column ?? <Typography.Text type="secondary">{t("imports.wholeRow")}</Typography.Text>,
              },
              {
                title: t("imports.value"),
                dataIndex: "value",
                width: 180,
                render: (v: string | null) => (v === null ? "" : <Typography.Text code>{v}</Typography.Text>),
              },
              { title: t("imports.message"), dataIndex: "message" },
            ]}
          />
        </>
      )}
    </Space>
  );
}
