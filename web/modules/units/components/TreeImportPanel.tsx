import { CheckOutlined, FileExcelOutlined, InboxOutlined, PlayCircleOutlined } from "@ant-design/icons";
import { Alert, App, Button, Card, Space, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDmy } from "../../../../common/rules/dates.ts";
import { ApiError } from "../../../app/api-client.ts";
import { checkSpreadsheet, formatBytes } from "../../imports/utils/check-file.ts";
import { failureText } from "../../imports/utils/failure-text.ts";
import { useTreeImport } from "../hooks/use-tree-import.ts";
import { TreeImportReportView } from "./TreeImportReportView.tsx";

/** A file refused as a whole (unreadable, too large, a backup running), with the server's reason. */
function TreeImportFailure({ error, isDryRun }: { error: Error; isDryRun: boolean }) {
  const { t } = useTranslation();
  const { type, title, lines } = failureText(error, t, isDryRun);
  const details = error instanceof ApiError ? error.details : undefined;
  const reason =
    details && typeof details === "object" && "reason" in details && typeof details.reason === "string"
      ? details.reason
      : undefined;
  const all = reason ? [...lines, reason] : lines;
  return (
    <Alert
      type={type}
      showIcon
      title={title}
      description={all.length ? all.map((line) => <div key={line}>{line}</div>) : undefined}
      data-testid="tree-import-failure"
    />
  );
}

/**
 * Nhập cây tổ chức từ tệp: the file (the same columns as "Xuất cây tổ chức"), a dry run whose report
 * lists every row error, then the real import — the whole file or nothing — and what it did. The file
 * stays chosen in the browser between the two runs. `asOf` is the date the file describes.
 */
export function TreeImportPanel({ asOf, onClose }: { asOf: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const [file, setFile] = useState<File>();
  const [fileProblem, setFileProblem] = useState<string>();
  const dry = useTreeImport(true);
  const real = useTreeImport(false);

  const dryReport = dry.data;
  const realReport = real.data;
  const isBusy = dry.isPending || real.isPending;
  const canImport = !!file && !!dryReport && dryReport.errors.length === 0 && real.isIdle;

  const choose = async (chosen: File) => {
    dry.reset();
    real.reset();
    const problem = await checkSpreadsheet(chosen);
    if (problem) {
      setFile(undefined);
      setFileProblem(t(`imports.${problem}`, { name: chosen.name }));
    } else {
      setFile(chosen);
      setFileProblem(undefined);
    }
  };

  const runForReal = () => {
    if (!file || !dryReport) return;
    modal.confirm({
      title: t("unitImport.run"),
      content: t("unitImport.runConfirm", {
        created: dryReport.created,
        ended: dryReport.ended,
        links: dryReport.links,
      }),
      okText: t("unitImport.run"),
      cancelText: t("app.cancel"),
      onOk: () => {
        real.mutate({ file, asOf });
      },
    });
  };

  const startOver = () => {
    dry.reset();
    real.reset();
    setFile(undefined);
    setFileProblem(undefined);
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="tree-import">
      <Card size="small" title={`1. ${t("unitImport.stepFile")}`}>
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t("unitImport.intro", { date: formatDmy(asOf) })}
          </Typography.Paragraph>
          <Upload.Dragger
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            multiple={false}
            showUploadList={false}
            disabled={isBusy}
            beforeUpload={(chosen) => {
              void choose(chosen);
              // Keep the file in the browser: it is sent by the dry run and again by the real run.
              return false;
            }}
            data-testid="tree-import-file"
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p className="ant-upload-text">{t("imports.drop")}</p>
            <p className="ant-upload-hint">{t("unitImport.dropHint")}</p>
          </Upload.Dragger>
          {fileProblem && (
            <Alert type="error" showIcon title={fileProblem} data-testid="tree-import-file-error" />
          )}
          {file && (
            <Space wrap>
              <FileExcelOutlined style={{ color: "#1d6f42", fontSize: 18 }} />
              <Typography.Text strong data-testid="tree-import-file-name">
                {t("imports.chosen", { name: file.name, size: formatBytes(file.size) })}
              </Typography.Text>
              <Button
                type="primary"
                icon={<CheckOutlined />}
                onClick={() => {
                  real.reset();
                  dry.mutate({ file, asOf });
                }}
                loading={dry.isPending}
                disabled={real.isPending || real.isSuccess}
                data-testid="tree-import-dry-run"
              >
                {t("unitImport.dryRun")}
              </Button>
              <Typography.Text type="secondary">{t("unitImport.dryRunHelp")}</Typography.Text>
            </Space>
          )}
        </Space>
      </Card>
      {(dry.isError || dryReport) && (
        <Card size="small" title={`2. ${t("unitImport.report")}`} data-testid="tree-import-check">
          {dry.isError && <TreeImportFailure error={dry.error} isDryRun />}
          {dryReport && <TreeImportReportView report={dryReport} />}
          {dryReport && (
            <div style={{ marginTop: 16, display: "flex", justifyContent: "flex-end" }}>
              <Button
                type="primary"
                icon={<PlayCircleOutlined />}
                disabled={!canImport}
                onClick={runForReal}
                data-testid="tree-import-run"
              >
                {t("unitImport.run")}
              </Button>
            </div>
          )}
        </Card>
      )}
      {!real.isIdle && (
        <Card size="small" title={`3. ${t("unitImport.result")}`} data-testid="tree-import-result">
          {real.isPending && <Typography.Text type="secondary">{t("imports.running")}</Typography.Text>}
          {real.isError && <TreeImportFailure error={real.error} isDryRun={false} />}
          {realReport && <TreeImportReportView report={realReport} />}
          {(realReport || real.isError) && (
            <Space style={{ marginTop: 16 }}>
              <Button onClick={startOver} data-testid="tree-import-again">
                {t("unitImport.again")}
              </Button>
              <Button type="primary" onClick={onClose} data-testid="tree-import-close">
                {t("unitImport.toTree")}
              </Button>
            </Space>
          )}
        </Card>
      )}
    </Space>
  );
}
