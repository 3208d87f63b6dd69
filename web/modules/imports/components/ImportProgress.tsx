import { Progress, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ImportJob } from "../../../../common/contracts/imports.ts";
import type { ImportRunState } from "../hooks/use-import-run.ts";

/** The upload, then the rows read, checked and written, while an import runs. */
export function ImportProgress({ state, job }: { state: ImportRunState; job: ImportJob | undefined }) {
  const { t } = useTranslation();
  let percent = 0;
  let detail = "";
  if (state.phase === "uploading") {
    // The upload is the first fifth of the bar; reading the file on the server the rest.
    percent = state.total ? Math.round((state.sent / state.total) * 20) : 0;
  } else if (job) {
    const p = job.progress;
    const read = p.bytesTotal ? p.bytesRead / p.bytesTotal : 0;
    percent = 20 + Math.round(read * (job.dryRun ? 75 : 60));
    if (!job.dryRun && p.read > 0) percent += Math.round((p.written / p.read) * 15);
    detail = [
      t("imports.progressRead", { read: p.read }),
      t("imports.progressValidated", { validated: p.validated }),
      ...(job.dryRun ? [] : [t("imports.progressWritten", { written: p.written })]),
    ].join(", ");
  }
  return (
    <Space orientation="vertical" style={{ width: "100%" }} data-testid="import-progress">
      <Progress percent={Math.min(99, percent)} status="active" />
      <Typography.Text type="secondary">
        {t("imports.running")} {detail}
      </Typography.Text>
    </Space>
  );
}
