import { DownloadButton } from "../../../app/DownloadButton.tsx";

/**
 * "Xuất Excel" for a table of the dashboard: the same figures as on screen (same date and unit) from the
 * table's `.xlsx` route.
 */
export function IndicatorSheetButton({
  path,
  asOf,
  unitId,
  fallbackName,
  testId,
}: {
  path: string;
  asOf: string;
  unitId: number;
  fallbackName: string;
  testId: string;
}) {
  return (
    <DownloadButton
      path={path}
      query={{ asOf, unitId }}
      fallbackName={fallbackName}
      size="small"
      testId={testId}
    />
  );
}
