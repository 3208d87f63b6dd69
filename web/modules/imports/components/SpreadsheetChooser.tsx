import { CheckOutlined, FileExcelOutlined, InboxOutlined } from "@ant-design/icons";
import { Alert, Button, Space, Typography, Upload } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { checkSpreadsheet, formatBytes } from "../utils/check-file.ts";

/** The file chosen for an import, checked in the browser (kind and size) before anything is sent. */
export function useChosenSpreadsheet(onChoose: () => void) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File>();
  const [problem, setProblem] = useState<string>();
  const choose = async (chosen: File) => {
    onChoose();
    const refused = await checkSpreadsheet(chosen);
    setFile(refused ? undefined : chosen);
    setProblem(refused ? t(`imports.${refused}`, { name: chosen.name }) : undefined);
  };
  const clear = () => {
    setFile(undefined);
    setProblem(undefined);
  };
  return { file, problem, choose, clear };
}

type Props = {
  chosen: ReturnType<typeof useChosenSpreadsheet>;
  /** Prefix of the test ids: `${testId}-file`, `-file-error`, `-file-name`, `-dry-run`. */
  testId: string;
  hint: string;
  disabled: boolean;
  dryRun: { label: string; help: string; loading: boolean; disabled: boolean; onClick: (file: File) => void };
};

/**
 * Step 1 of an import: a drop zone for one .xlsx or .csv, the reason a file is refused, and once chosen its
 * name and size with the dry-run button. The file stays in the browser: the dry run and the real run each
 * send it.
 */
export function SpreadsheetChooser({ chosen, testId, hint, disabled, dryRun }: Props) {
  const { t } = useTranslation();
  const { file, problem } = chosen;
  return (
    <>
      <Upload.Dragger
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        multiple={false}
        showUploadList={false}
        disabled={disabled}
        beforeUpload={(picked) => {
          void chosen.choose(picked);
          return false;
        }}
        data-testid={`${testId}-file`}
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t("imports.drop")}</p>
        <p className="ant-upload-hint">{hint}</p>
      </Upload.Dragger>
      {problem && <Alert type="error" showIcon title={problem} data-testid={`${testId}-file-error`} />}
      {file && (
        <Space wrap>
          <FileExcelOutlined style={{ color: "#1d6f42", fontSize: 18 }} />
          <Typography.Text strong data-testid={`${testId}-file-name`}>
            {t("imports.chosen", { name: file.name, size: formatBytes(file.size) })}
          </Typography.Text>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            onClick={() => dryRun.onClick(file)}
            loading={dryRun.loading}
            disabled={dryRun.disabled}
            data-testid={`${testId}-dry-run`}
          >
            {dryRun.label}
          </Button>
          <Typography.Text type="secondary">{dryRun.help}</Typography.Text>
        </Space>
      )}
    </>
  );
}
