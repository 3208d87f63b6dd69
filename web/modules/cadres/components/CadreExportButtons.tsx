import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Space, Tooltip } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ImportFormat } from "../../../../common/contracts/imports.ts";
import { apiDownload, saveDownload } from "../../../app/api-client.ts";
import { type CadreFilter, queryOf } from "../utils/cadre-filter.ts";

/** What a button downloads: the cadre rows in a format, or the training courses as a CSV of their own. */
type ExportKind = ImportFormat | "trainings-csv";

/**
 * "Xuất Excel" / "Xuất CSV": every row matching the filters on screen, not just the page shown.
 * "Xuất CSV đào tạo": the training courses of the same people (a CSV holds one table; the Excel file has
 * them on its second sheet), a file the import page reads back.
 */
export function CadreExportButtons({ filter, disabled }: { filter: CadreFilter; disabled?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [pending, setPending] = useState<ExportKind>();

  const run = async (kind: ExportKind) => {
    setPending(kind);
    try {
      const isTrainings = kind === "trainings-csv";
      const format: ImportFormat = isTrainings ? "csv" : kind;
      const file = isTrainings
        ? await apiDownload(
            "/cadres/trainings/export",
            { ...queryOf(filter), format },
            "dao-tao-boi-duong.csv",
          )
        : await apiDownload("/cadres/export", { ...queryOf(filter), format }, `can-bo.${format}`);
      saveDownload(file);
      const count = Number(file.headers.get("x-row-count") ?? 0);
      message.success(
        t(isTrainings ? "cadres.exportedTrainings" : "cadres.exported", { count, file: file.fileName }),
      );
    } catch (error) {
      message.error(t("app.downloadFailed", { message: (error as Error).message }));
    } finally {
      setPending(undefined);
    }
  };

  const button = (kind: ExportKind, label: string, testId: string) => (
    <Button
      icon={<DownloadOutlined />}
      loading={pending === kind}
      disabled={disabled || (pending !== undefined && pending !== kind)}
      onClick={() => run(kind)}
      data-testid={testId}
    >
      {label}
    </Button>
  );

  return (
    <Space>
      {button("xlsx", t("cadres.exportXlsx"), "cadre-export-xlsx")}
      {button("csv", t("cadres.exportCsv"), "cadre-export-csv")}
      <Tooltip title={t("cadres.exportTrainingsHelp")}>
        {button("trainings-csv", t("cadres.exportTrainingsCsv"), "cadre-export-trainings-csv")}
      </Tooltip>
    </Space>
  );
}
