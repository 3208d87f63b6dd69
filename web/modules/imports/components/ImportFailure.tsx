import { Alert } from "antd";
import { useTranslation } from "react-i18next";
import { failureText, type ImportFailureSource } from "../utils/failure-text.ts";

/**
 * A file refused as a whole (not a spreadsheet, wrong headers, sensitive columns, another import
 * running, a backup running…), with what the server said about it: the missing and unknown columns, for
 * instance.
 */
export function ImportFailure({ error, isDryRun }: { error: ImportFailureSource; isDryRun: boolean }) {
  const { t } = useTranslation();
  const { type, title, lines } = failureText(error, t, isDryRun);
  return (
    <Alert
      type={type}
      showIcon
      title={title}
      description={lines.length ? lines.map((line) => <div key={line}>{line}</div>) : undefined}
      data-testid="import-failure"
    />
  );
}
