import { DownloadOutlined } from "@ant-design/icons";
import { App, Button } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { apiDownload, type RequestOptions, saveDownload } from "./api-client.ts";

/**
 * "Xuất Excel" for a list: downloads every row of it (not just the page shown) from `path` with the list's
 * query, saves the file and says how many rows it holds (the server's x-row-count).
 */
export function DownloadButton({
  path,
  query,
  fallbackName,
  disabled,
  size,
  testId,
}: {
  path: string;
  query: RequestOptions["query"];
  /** The file name when the server gives none. */
  fallbackName: string;
  disabled?: boolean;
  /** "small" in a card's header. */
  size?: "small" | "middle";
  testId: string;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [isPending, setPending] = useState(false);

  const run = async () => {
    setPending(true);
    try {
      const file = await apiDownload(path, query, fallbackName);
      saveDownload(file);
      const rows = file.headers.get("x-row-count");
      message.success(t("app.exported", { count: Number(rows ?? 0), file: file.fileName }));
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
      size={size}
      onClick={run}
      data-testid={testId}
    >
      {t("app.exportXlsx")}
    </Button>
  );
}
