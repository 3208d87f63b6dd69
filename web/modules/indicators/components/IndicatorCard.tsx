import { Button, Card, Skeleton, Space, Tooltip, Typography, theme } from "antd";
import { type KeyboardEvent, type MouseEvent, useCallback } from "react";
import { useTranslation } from "react-i18next";
import type { DrillSide, IndicatorResult, Series } from "../../../../common/contracts/indicators.ts";
import { formatCount, formatFigure, formatTarget, type NumberLanguage } from "../utils/indicator-format.ts";
import { Sparkline } from "./Sparkline.tsx";
import { StatusTag } from "./StatusTag.tsx";

type Props = {
  indicator: IndicatorResult;
  /** The month ends up to the date; undefined while the series loads (it comes after the cards). */
  trend: Series["series"][number]["points"] | undefined;
  isTrendLoading: boolean;
  /** The trend shown is the previous date's or unit's while the new one loads: dimmed. */
  isTrendStale?: boolean;
  isSelected: boolean;
  onSelect: () => void;
  /** Opens the people behind the numerator or denominator; absent without permission to see names. */
  onDrill?: (side: DrillSide) => void;
  language: NumberLanguage;
};

const SPARKLINE_HEIGHT = 36;

const DRILL_TITLES = {
  numerator: "dashboard.drillNumerator",
  denominator: "dashboard.drillDenominator",
  unknown: "dashboard.drillUnknown",
} as const satisfies Record<DrillSide, string>;

/**
 * One indicator: value, target, status, trend, numerator/denominator. A click selects it for the breakdown
 * below; a click on a figure opens the people it counts.
 */
export function IndicatorCard({
  indicator,
  trend,
  isTrendLoading,
  isTrendStale = false,
  isSelected,
  onSelect,
  onDrill,
  language,
}: Props) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const { code } = indicator;
  const value = formatFigure(indicator, indicator.display, language);
  const unknownLabel = useCallback(
    (count: number) => t("dashboard.unknownOrigin", { formatted: formatCount(count, language) }),
    [t, language],
  );
  const target = formatTarget(indicator, language);

  const figure = (side: DrillSide, count: number) => {
    const formatted = formatCount(count, language);
    const text = side === "unknown" ? t("dashboard.unknownOrigin", { formatted }) : formatted;
    if (!onDrill || count === 0) return <span data-testid={`indicator-${side}-${code}`}>{text}</span>;
    return (
      <Button
        type="link"
        size="small"
        style={{ padding: 0, height: "auto" }}
        onClick={(event: MouseEvent) => {
          event.stopPropagation();
          onDrill(side);
        }}
        title={t(DRILL_TITLES[side])}
        data-testid={`indicator-${side}-${code}`}
      >
        {text}
      </Button>
    );
  };

  // People of unknown origin are left out of the denominator: said beside the figure, never hidden.
  const unknownOrigin =
    indicator.unknown > 0 ? (
      <Typography.Text type="warning" style={{ fontSize: 12 }}>
        · {figure("unknown", indicator.unknown)}
      </Typography.Text>
    ) : null;

  return (
    <Card
      size="small"
      hoverable
      role="button"
      tabIndex={0}
      aria-pressed={isSelected}
      onClick={onSelect}
      onKeyDown={(event: KeyboardEvent) => {
        if (event.target === event.currentTarget && (event.key === "Enter" || event.key === " ")) {
          event.preventDefault();
          onSelect();
        }
      }}
      style={{
        height: "100%",
        borderColor: isSelected ? token.colorPrimary : undefined,
        boxShadow: isSelected ? `0 0 0 1px ${token.colorPrimary}` : undefined,
      }}
      styles={{ body: { padding: "10px 12px", display: "flex", flexDirection: "column", gap: 4 } }}
      data-testid={`indicator-card-${code}`}
    >
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", gap: 8 }}>
        <Typography.Text strong type="secondary">
          {code}
        </Typography.Text>
        <StatusTag status={indicator.status} data-testid={`indicator-status-${code}`} />
      </div>
      <Typography.Paragraph
        ellipsis={{ rows: 2, tooltip: indicator.name }}
        style={{ margin: 0, minHeight: 44, lineHeight: "22px" }}
        data-testid={`indicator-name-${code}`}
      >
        {indicator.name}
      </Typography.Paragraph>
      {value !== undefined ? (
        <Typography.Text
          strong
          style={{ fontSize: 24, lineHeight: "32px", whiteSpace: "nowrap", color: token.colorTextHeading }}
          data-testid={`indicator-value-${code}`}
        >
          {value}
        </Typography.Text>
      ) : (
        <Tooltip title={indicator.note}>
          <Typography.Text
            type="secondary"
            style={{ fontSize: 18, lineHeight: "32px", whiteSpace: "nowrap" }}
            data-testid={`indicator-value-${code}`}
          >
            {t("dashboard.noData")}
          </Typography.Text>
        </Tooltip>
      )}
      <Typography.Text
        type="secondary"
        ellipsis={{ tooltip: true }}
        style={{ fontSize: 12 }}
        data-testid={`indicator-target-${code}`}
      >
        {target ? t("dashboard.target", { target }) : t("dashboard.noTarget")}
      </Typography.Text>
      <div
        style={{ height: SPARKLINE_HEIGHT, opacity: isTrendStale ? 0.4 : 1, transition: "opacity 0.2s" }}
        data-stale={isTrendStale || undefined}
      >
        {trend ? (
          <Sparkline
            points={trend}
            display={indicator.display}
            language={language}
            noDataLabel={t("dashboard.noData")}
            unknownLabel={unknownLabel}
            ariaLabel={t("dashboard.trend", { name: indicator.name })}
            height={SPARKLINE_HEIGHT}
            data-testid={`indicator-sparkline-${code}`}
          />
        ) : isTrendLoading ? (
          <Skeleton.Node active style={{ width: "100%", height: SPARKLINE_HEIGHT }} />
        ) : null}
      </div>
      {indicator.numerator !== null && indicator.denominator !== null && indicator.status !== "no_data" ? (
        <Space size={4} style={{ fontSize: 12 }} wrap>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("dashboard.numeratorShort")}
          </Typography.Text>
          {figure("numerator", indicator.numerator)}
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            / {t("dashboard.denominatorShort")}
          </Typography.Text>
          {figure("denominator", indicator.denominator)}
          {unknownOrigin}
        </Space>
      ) : (
        // A block of its own width: inside a Space item the text never overflowed, so it was cut
        // by the card without the ellipsis and its tooltip.
        <div style={{ display: "flex", alignItems: "center", gap: 4, minWidth: 0, fontSize: 12 }}>
          <Typography.Text
            type="secondary"
            ellipsis={{ tooltip: indicator.note ?? true }}
            style={{ fontSize: 12, minWidth: 0, flex: "0 1 auto" }}
          >
            {indicator.note ?? t("dashboard.noData")}
          </Typography.Text>
          {unknownOrigin}
        </div>
      )}
    </Card>
  );
}
