import { PlayCircleOutlined } from "@ant-design/icons";
import { App, Button, Card, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDmy } from "../../../../common/rules/dates.ts";
import { ApiError } from "../../../app/api-client.ts";
import { ImportFailure } from "../../imports/components/ImportFailure.tsx";
import { SpreadsheetChooser, useChosenSpreadsheet } from "../../imports/components/SpreadsheetChooser.tsx";
import { useTreeImport } from "../hooks/use-tree-import.ts";
import { TreeImportReportView } from "./TreeImportReportView.tsx";

/** A file refused as a whole (unreadable, too large, a backup running), with the server's reason. */
function TreeImportFailure({ error, isDryRun }: { error: Error; isDryRun: boolean }) {
  const details = error instanceof ApiError ? error.details : undefined;
  const reason =
    details && typeof details === "object" && "reason" in details && typeof details.reason === "string"
      ? details.reason
      : undefined;
  return (
    <ImportFailure
      error={error}
      isDryRun={isDryRun}
      extraLines={reason ? [reason] : []}
      testId="tree-import-failure"
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
  const dry = useTreeImport(true);
  const real = useTreeImport(false);
  const chosen = useChosenSpreadsheet(() => {
    dry.reset();
    real.reset();
  });
  const file = chosen.file;

  const dryReport = dry.data;
  const realReport = real.data;
  const isBusy = dry.isPending || real.isPending;
  const canImport = !!file && !!dryReport && dryReport.errors.length === 0 && real.isIdle;

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
    chosen.clear();
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }} data-testid="tree-import">
      <Card size="small" title={`1. ${t("unitImport.stepFile")}`}>
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Typography.Paragraph style={{ margin: 0 }}>
            {t("unitImport.intro", { date: formatDmy(asOf) })}
          </Typography.Paragraph>
          <SpreadsheetChooser
            chosen={chosen}
            testId="tree-import"
            hint={t("unitImport.dropHint")}
            disabled={isBusy}
            dryRun={{
              label: t("unitImport.dryRun"),
              help: t("unitImport.dryRunHelp"),
              loading: dry.isPending,
              disabled: real.isPending || real.isSuccess,
              onClick: (file) => {
                real.reset();
                dry.mutate({ file, asOf });
              },
            }}
          />
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
