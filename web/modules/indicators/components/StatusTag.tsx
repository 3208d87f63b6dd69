import { Tag } from "antd";
import { useTranslation } from "react-i18next";
import type { IndicatorStatus } from "../../../../common/contracts/indicators.ts";
import { STATUS_TAG_COLORS } from "../utils/status-colors.ts";

/** Đạt / Chưa đạt / Theo dõi / Chưa có dữ liệu. */
export function StatusTag({
  status,
  "data-testid": testId,
}: {
  status: IndicatorStatus;
  "data-testid"?: string;
}) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_TAG_COLORS[status]} style={{ marginInlineEnd: 0 }} data-testid={testId}>
      {t(`dashboard.status.${status}`)}
    </Tag>
  );
}
