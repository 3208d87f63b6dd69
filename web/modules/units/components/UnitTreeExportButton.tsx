import { DownloadOutlined } from "@ant-design/icons";
import { App, Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { apiDownload, saveDownload } from "../../../app/api-client.ts";

/**
 * "Xuất cây tổ chức": the tree as of the date on screen, as the Excel file `canbo import units` (and
 * POST /api/units/import) reads back — also the template for a new organisation (docs/getting-started.md).
 */
export function UnitTreeExportButton({ asOf }: { asOf: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [isPending, setPending] = useState(false);

  const run = async () => {
    setPending(true);
    try {
      const file = await apiDownload(
        "/units/export",
        { asOf, format: "xlsx" },
        `co-cau-to-chuc-${asOf}.xlsx`,
      );
      saveDownload(file);
      message.success(
        t("units.exported", { count: Number(file.headers.get("x-row-count") ?? 0), file: file.fileName }),
      );
    } catch (error) {
      message.error(t("app.downloadFailed", { message: (error as Error).message }));
    } finally {
      setPending(false);
    }
  };

  return (
    <Button icon={<DownloadOutlined />} loading={isPending} onClick={run} data-testid="units-export">
      {t("units.exportTree")}
    </Button>
  );
}
