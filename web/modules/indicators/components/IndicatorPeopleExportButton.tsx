import { DownloadOutlined } from "@ant-design/icons";
import { App, Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { apiDownload, saveDownload } from "../../../app/api-client.ts";
import { type DrillParams, drillQuery } from "../utils/dashboard-params.ts";

/**
 * "Xuất Excel": every person behind the figure (not just the page shown), with the same date, unit, side,
 * tier and directOnly.
 */
export function IndicatorPeopleExportButton({
  code,
  params,
  disabled,
}: {
  code: string;
  params: DrillParams;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [isPending, setPending] = useState(false);

  const run = async () => {
    setPending(true);
    try {
      const file = await apiDownload(
        `/indicators/${encodeURIComponent(code)}/people.xlsx`,
        drillQuery(params),
        `chi-tieu-${code}.xlsx`,
      );
      saveDownload(file);
      const rows = file.headers.get("x-row-count");
      message.success(t("indicatorPeople.exported", { count: Number(rows ?? 0), file: file.fileName }));
    } catch (error) {
      message.error(t("app.downloadFailed", { message: (error as Error).message }));
    } finally {
      setPending(false);
    }
  };

  return (
    <Button
      icon={<DownloadOutlined />}
      loading={isPending}
      disabled={disabled}
      onClick={run}
      data-testid="indicator-people-export"
    >
      {t("indicatorPeople.exportXlsx")}
    </Button>
  );
}
