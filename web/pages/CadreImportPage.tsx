import { DownloadOutlined, PlayCircleOutlined } from "@ant-design/icons";
import { App, Button, Card, Space, Steps, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import type { ImportFormat } from "../../common/contracts/imports.ts";
import { apiDownload, saveDownload } from "../app/api-client.ts";
import { ImportFailure } from "../modules/imports/components/ImportFailure.tsx";
import { ImportProgress } from "../modules/imports/components/ImportProgress.tsx";
import { ImportReportView } from "../modules/imports/components/ImportReportView.tsx";
import {
  SpreadsheetChooser,
  useChosenSpreadsheet,
} from "../modules/imports/components/SpreadsheetChooser.tsx";
import { useImportRun } from "../modules/imports/hooks/use-import-run.ts";

/**
 * Nhập hồ sơ cán bộ từ tệp: 1) the template and the file; 2) a dry run and its report; 3) the real
 * import, all or nothing, then its result. The file stays chosen in the browser between the two runs.
 */
export function CadreImportPage() {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [template, setTemplate] = useState<ImportFormat>();
  const dry = useImportRun();
  const real = useImportRun();
  const chosen = useChosenSpreadsheet(() => {
    dry.reset();
    real.reset();
  });
  const file = chosen.file;

  const dryReport = dry.job?.status === "done" ? dry.job.report : null;
  const realReport = real.job?.status === "done" ? real.job.report : null;
  const isDryRunning =
    dry.state.phase === "uploading" ||
    (dry.state.phase === "running" && dry.job?.status !== "done" && dry.job?.status !== "failed");
  const isRealRunning =
    real.state.phase === "uploading" ||
    (real.state.phase === "running" && real.job?.status !== "done" && real.job?.status !== "failed");
  const canImport = !!file && !!dryReport && dryReport.errorCount === 0 && real.state.phase === "idle";
  const step = real.state.phase !== "idle" ? 2 : dry.state.phase !== "idle" ? 1 : 0;

  const downloadTemplate = async (format: ImportFormat) => {
    setTemplate(format);
    try {
      saveDownload(await apiDownload("/imports/template", { format }, `mau-nhap-can-bo.${format}`));
    } catch (error) {
      message.error(t("app.downloadFailed", { message: (error as Error).message }));
    } finally {
      setTemplate(undefined);
    }
  };

  const runForReal = () => {
    if (!file || !dryReport) return;
    modal.confirm({
      title: t("imports.run"),
      content:
        dryReport.content === "trainings"
          ? t("imports.runConfirmTrainings", { added: dryReport.trainings?.added ?? 0 })
          : t("imports.runConfirm", { created: dryReport.created, updated: dryReport.updated }),
      okText: t("imports.run"),
      cancelText: t("app.cancel"),
      onOk: () => {
        void real.start(file, false);
      },
    });
  };

  const startOver = () => {
    dry.reset();
    real.reset();
    chosen.clear();
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%", maxWidth: 1200 }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("imports.title")}
      </Typography.Title>
      <Steps
        current={step}
        items={[
          { title: t("imports.stepFile") },
          { title: t("imports.stepCheck") },
          { title: t("imports.stepImport") },
        ]}
      />
      <Card size="small" title={`1. ${t("imports.stepFile")}`}>
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Typography.Paragraph style={{ margin: 0 }}>{t("imports.templateIntro")}</Typography.Paragraph>
          <Space wrap>
            <Button
              icon={<DownloadOutlined />}
              loading={template === "xlsx"}
              onClick={() => downloadTemplate("xlsx")}
              data-testid="import-template-xlsx"
            >
              {t("imports.templateXlsx")}
            </Button>
            <Button
              icon={<DownloadOutlined />}
              loading={template === "csv"}
              onClick={() => downloadTemplate("csv")}
              data-testid="import-template-csv"
            >
              {t("imports.templateCsv")}
            </Button>
          </Space>
          <SpreadsheetChooser
            chosen={chosen}
            testId="import"
            hint={t("imports.dropHint")}
            disabled={isDryRunning || isRealRunning}
            dryRun={{
              label: t("imports.dryRun"),
              help: t("imports.dryRunHelp"),
              loading: isDryRunning,
              disabled: isRealRunning || real.job?.status === "done",
              onClick: (file) => {
                real.reset();
                void dry.start(file, true);
              },
            }}
          />
        </Space>
      </Card>
      {dry.state.phase !== "idle" && (
        <Card size="small" title={`2. ${t("imports.report")}`}>
          {dry.state.phase === "failed" && <ImportFailure error={dry.state.error} isDryRun />}
          {dry.pollError && <ImportFailure error={dry.pollError} isDryRun />}
          {dry.job?.status === "failed" && dry.job.error && <ImportFailure error={dry.job.error} isDryRun />}
          {isDryRunning && <ImportProgress state={dry.state} job={dry.job} />}
          {dryReport && <ImportReportView report={dryReport} />}
          {dryReport && (
            <div style={{ marginTop: 16, display: "flex", justifyContent: "flex-end" }}>
              <Button
                type="primary"
                icon={<PlayCircleOutlined />}
                disabled={!canImport}
                onClick={runForReal}
                data-testid="import-run"
              >
                {t("imports.run")}
              </Button>
            </div>
          )}
        </Card>
      )}
      {real.state.phase !== "idle" && (
        <Card size="small" title={`3. ${t("imports.result")}`} data-testid="import-result">
          {real.state.phase === "failed" && <ImportFailure error={real.state.error} isDryRun={false} />}
          {real.pollError && <ImportFailure error={real.pollError} isDryRun={false} />}
          {real.job?.status === "failed" && real.job.error && (
            <ImportFailure error={real.job.error} isDryRun={false} />
          )}
          {isRealRunning && <ImportProgress state={real.state} job={real.job} />}
          {realReport && <ImportReportView report={realReport} />}
          {(realReport || real.job?.status === "failed" || real.state.phase === "failed") && (
            <Space style={{ marginTop: 16 }}>
              <Button onClick={startOver}>{t("imports.again")}</Button>
              <Button type="primary" onClick={() => navigate("/cadres")}>
                {t("imports.toList")}
              </Button>
            </Space>
          )}
        </Card>
      )}
    </Space>
  );
}
