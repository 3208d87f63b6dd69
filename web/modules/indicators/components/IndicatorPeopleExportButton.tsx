import { DownloadButton } from "../../../app/DownloadButton.tsx";
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
  return (
    <DownloadButton
      path={`/indicators/${encodeURIComponent(code)}/people.xlsx`}
      query={drillQuery(params)}
      fallbackName={`chi-tieu-${code}.xlsx`}
      disabled={disabled}
      testId="indicator-people-export"
    />
  );
}
