import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { failureText, type ImportFailureSource } from "../utils/failure-text.ts";

/**
 * A file refused as a whole (not a spreadsheet, wrong headers, sensitive columns, another import
 * running, a backup running…), with what the server said about it: the missing and unknown columns, for
 * instance.
 */
export function ImportFailure({
  error,
  isDryRun,
  extraLines = [],
  testId = "import-failure",
}: {
  error: ImportFailureSource;
  isDryRun: boolean;
  /** More of what the server said, shown after the standard lines. */
  extraLines?: readonly string[];
  testId?: string;
}) {
  const { t } = useTranslation();
  const failure = failureText(error, t, isDryRun);
  const { type, title } = failure;
  const lines = [...failure.lines, ...extraLines];
  return (
    <Alert
      type={type}
      showIcon
      title={title}
      description={lines.length ? lines.map((line) => <div key={line}>{line}</div>) : undefined}
      data-testid={testId}
    />
  );
}
