import { DownloadOutlined } from "@ant-design/icons";
import { App, Button, Space } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { ImportFormat } from "../../../../common/contracts/imports.ts";
import { apiDownload, saveDownload } from "../../../app/api-client.ts";
import { type CadreFilter, queryOf } from "../utils/cadre-filter.ts";

/** "Xuất Excel" / "Xuất CSV": every row matching the filters on screen, not just the page shown. */
export function CadreExportButtons({ filter, disabled }: { filter: CadreFilter; disabled?: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [pending, setPending] = useState<ImportFormat>();

  const run = async (format: ImportFormat) => {
    setPending(format);
    try {
      const file = await apiDownload("/cadres/export", { ...queryOf(filter), format }, `can-bo.${format}`);
      saveDownload(file);
      const rows = file.headers.get("x-row-count");
      message.success(t("cadres.exported", { count: Number(rows ?? 0), file: file.fileName }));
    } catch (error) {
      message.error(t("app.downloadFailed", { message: (error as Error).message }));
    } finally {
      setPending(undefined);
    }
  };

  return (
    <Space>
      <Button
        icon={<DownloadOutlined />}
        loading={pending === "xlsx"}
        disabled={disabled || (pending !== undefined && pending !== "xlsx")}
        onClick={() => run("xlsx")}
        data-testid="cadre-export-xlsx"
      >
        {t("cadres.exportXlsx")}
      </Button>
      <Button
        icon={<DownloadOutlined />}
        loading={pending === "csv"}
        disabled={disabled || (pending !== undefined && pending !== "csv")}
        onClick={() => run("csv")}
        data-testid="cadre-export-csv"
      >
        {t("cadres.exportCsv")}
      </Button>
    </Space>
  );
}
