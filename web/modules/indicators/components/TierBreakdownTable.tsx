import { Button, Table, Typography } from "antd";
import type { HTMLAttributes, MouseEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type {
  BreakdownRow,
  DrillSide,
  IndicatorResult,
  IndicatorStatus,
} from "../../../../common/contracts/indicators.ts";
import { TierName } from "../../cadres/components/TierName.tsx";
import { type DrillTier, isDrillTier } from "../utils/dashboard-params.ts";
import { formatCount, formatFigure, type NumberLanguage } from "../utils/indicator-format.ts";
import { BELOW_TARGET_BACKGROUND } from "../utils/status-colors.ts";
import { StatusTag } from "./StatusTag.tsx";

type Props = {
  indicator: IndicatorResult;
  rows: readonly BreakdownRow[];
  language: NumberLanguage;
  canSeeNames: boolean;
  onDrill: (tier: DrillTier, side: DrillSide) => void;
};

/** The row's tier, or "none": the API's key for the people without a tier on the date. */
function tierOf(row: BreakdownRow): DrillTier | undefined {
  return isDrillTier(row.key) ? row.key : undefined;
}

/**
 * The selected indicator by management tier (diện quản lý). A row, or its numerator or denominator, lists
 * the people of that tier; the row of the people without a tier on the date lists them (tier=none).
 */
export function TierBreakdownTable({ indicator, rows, language, canSeeNames, onDrill }: Props) {
  const { t } = useTranslation();

  const figure = (row: BreakdownRow, side: DrillSide): ReactNode => {
    const count = row[side];
    if (count === null) return "—";
    const tier = tierOf(row);
    const testId = `tier-${side}-${row.key}`;
    if (!canSeeNames || !tier || count === 0)
      return <span data-testid={testId}>{formatCount(count, language)}</span>;
    return (
      <Button
        type="link"
        size="small"
        style={{ padding: 0, height: "auto" }}
        onClick={(event: MouseEvent) => {
          event.stopPropagation();
          onDrill(tier, side);
        }}
        data-testid={testId}
      >
        {formatCount(count, language)}
      </Button>
    );
  };

  return (
    <Table<BreakdownRow>
      data-testid="tier-breakdown"
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={[...rows]}
      locale={{ emptyText: t("dashboard.noData") }}
      onRow={(row) => {
        const tier = tierOf(row);
        return {
          "data-testid": `tier-row-${row.key}`,
          style: {
            cursor: canSeeNames && tier ? "pointer" : undefined,
            background: row.status === "not_met" ? BELOW_TARGET_BACKGROUND : undefined,
          },
          onClick: (event: MouseEvent) => {
            if ((event.target as HTMLElement).closest("a, button")) return;
            if (canSeeNames && tier) onDrill(tier, "numerator");
          },
        } as HTMLAttributes<HTMLElement>;
      }}
      columns={[
        {
          title: t("dashboard.colTier"),
          key: "tier",
          render: (_, row) => {
            const tier = tierOf(row);
            if (tier === "none")
              return <Typography.Text type="secondary">{t("dashboard.noTier")}</Typography.Text>;
            return tier ? <TierName tier={tier} /> : row.label;
          },
        },
        {
          title: t("dashboard.colValue"),
          key: "value",
          width: 110,
          align: "right",
          render: (_, row) => formatFigure(row, indicator.display, language) ?? t("dashboard.noData"),
        },
        {
          title: t("dashboard.numerator"),
          key: "numerator",
          width: 100,
          align: "right",
          render: (_, row) => figure(row, "numerator"),
        },
        {
          title: t("dashboard.denominator"),
          key: "denominator",
          width: 100,
          align: "right",
          render: (_, row) => figure(row, "denominator"),
        },
        // People of unknown origin, left out of the denominator (indicators with a "local" test only).
        ...(rows.some((r) => r.unknown > 0)
          ? [
              {
                title: t("dashboard.colUnknown"),
                key: "unknown",
                width: 110,
                align: "right" as const,
                render: (_: unknown, row: BreakdownRow) => figure(row, "unknown"),
              },
            ]
          : []),
        {
          title: t("dashboard.colStatus"),
          dataIndex: "status",
          width: 120,
          render: (status: IndicatorStatus) => <StatusTag status={status} />,
        },
      ]}
    />
  );
}
