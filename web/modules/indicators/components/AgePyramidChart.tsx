import { Card, Empty, Space, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Analysis } from "../../../../common/contracts/indicators.ts";
import { pyramidOption, pyramidTotals, SEX_COLORS } from "../utils/age-pyramid.ts";
import { formatAverageAge, formatCount, type NumberLanguage } from "../utils/indicator-format.ts";
import { EChart } from "./EChart.tsx";

type Props = { pyramid: Analysis["agePyramid"]; language: NumberLanguage };

const CHART_HEIGHT = 400;

function Swatch({ color }: { color: string }) {
  return (
    <span
      style={{
        display: "inline-block",
        width: 10,
        height: 10,
        borderRadius: 2,
        background: color,
        marginInlineEnd: 6,
      }}
    />
  );
}

/** "Tháp tuổi": the serving people of the subtree by age band, men to the left, women to the right; average age. */
export function AgePyramidChart({ pyramid, language }: Props) {
  const { t } = useTranslation();
  const words = useMemo(() => ({ male: t("sex.male"), female: t("sex.female") }), [t]);
  const option = useMemo(() => pyramidOption(pyramid, words, language), [pyramid, words, language]);
  const totals = pyramidTotals(pyramid);

  return (
    <Card
      size="small"
      title={t("analysis.pyramid")}
      extra={
        <Typography.Text strong data-testid="analysis-average-age">
          {t("analysis.averageAge", { age: formatAverageAge(pyramid.averageAge, language) })}
        </Typography.Text>
      }
      data-testid="analysis-pyramid"
      // As tall as the tables beside it.
      style={{ height: "100%" }}
    >
      {pyramid.total === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.noData")} />
      ) : (
        <>
          <Space size={16} wrap style={{ fontSize: 12 }}>
            <span>
              <Swatch color={SEX_COLORS.male} />
              {words.male}: {formatCount(totals.male, language)}
            </span>
            <span>
              <Swatch color={SEX_COLORS.female} />
              {words.female}: {formatCount(totals.female, language)}
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("analysis.people", { formatted: formatCount(pyramid.total, language) })}
            </Typography.Text>
          </Space>
          <EChart
            option={option}
            height={CHART_HEIGHT}
            ariaLabel={t("analysis.pyramidChart")}
            data-testid="analysis-pyramid-chart"
          />
        </>
      )}
    </Card>
  );
}
