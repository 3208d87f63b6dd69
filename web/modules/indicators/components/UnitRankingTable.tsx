import { ApartmentOutlined } from "@ant-design/icons";
import { Button, Table, Tooltip, Typography } from "antd";
import type { HTMLAttributes, MouseEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { DrillSide, IndicatorResult, IndicatorStatus } from "../../../../common/contracts/indicators.ts";
import { formatCount, formatFigure, type NumberLanguage } from "../utils/indicator-format.ts";
import { BELOW_TARGET_BACKGROUND } from "../utils/status-colors.ts";
import { isDirectRow, type RankedRow } from "../utils/unit-ranking.ts";
import { StatusTag } from "./StatusTag.tsx";

type Props = {
  indicator: IndicatorResult;
  rows: readonly RankedRow[];
  language: NumberLanguage;
  /**
   * The unit whose children these are: its own row ("… (trực tiếp)") lists the people placed in the unit
   * itself, and is not opened as a dashboard (that is the one shown).
   */
  rootId: number;
  /** Names need cadres.read besides indicators.read. */
  canSeeNames: boolean;
  onDrill: (row: RankedRow, side: DrillSide) => void;
  /** Shows the dashboard of a child unit (its own children then). */
  onOpenUnit: (unitId: number) => void;
  scrollY: number;
};

const STATUS_ORDER: Record<IndicatorStatus, number> = { not_met: 0, met: 1, no_target: 2, no_data: 3 };

/**
 * The child units ranked on the selected indicator, units below target on an orange background. A click on a
 * row lists the people of its numerator; the figures open the numerator or the denominator.
 */
export function UnitRankingTable({
  indicator,
  rows,
  language,
  rootId,
  canSeeNames,
  onDrill,
  onOpenUnit,
  scrollY,
}: Props) {
  const { t } = useTranslation();
  const canOpen = (row: RankedRow) => row.unit !== null && !isDirectRow(row, rootId);
  const canDrill = (row: RankedRow) => canSeeNames && row.unit !== null;

  const figure = (row: RankedRow, side: DrillSide): ReactNode => {
    const count = row[side];
    if (count === null) return "—";
    const id = row.unit?.id ?? row.key;
    if (!canDrill(row) || count === 0)
      return <span data-testid={`unit-${side}-${id}`}>{formatCount(count, language)}</span>;
    return (
      <Button
        type="link"
        size="small"
        style={{ padding: 0, height: "auto" }}
        onClick={(event: MouseEvent) => {
          event.stopPropagation();
          onDrill(row, side);
        }}
        data-testid={`unit-${side}-${id}`}
      >
        {formatCount(count, language)}
      </Button>
    );
  };

  return (
    <Table<RankedRow>
      data-testid="unit-ranking"
      rowKey="key"
      size="small"
      pagination={false}
      dataSource={[...rows]}
      scroll={{ y: scrollY }}
      locale={{ emptyText: t("dashboard.noUnits") }}
      onRow={(row) =>
        ({
          "data-testid": `unit-row-${row.unit?.id ?? row.key}`,
          style: {
            cursor: canDrill(row) ? "pointer" : undefined,
            background: row.status === "not_met" ? BELOW_TARGET_BACKGROUND : undefined,
          },
          onClick: (event: MouseEvent) => {
            if ((event.target as HTMLElement).closest("a, button")) return;
            if (canDrill(row)) onDrill(row, "numerator");
          },
        }) as HTMLAttributes<HTMLElement>
      }
      columns={[
        {
          title: t("dashboard.colRank"),
          dataIndex: "rank",
          width: 72,
          align: "right",
          sorter: (a, b) => (a.rank ?? Number.MAX_SAFE_INTEGER) - (b.rank ?? Number.MAX_SAFE_INTEGER),
          render: (rank: number | undefined) => rank ?? "—",
        },
        {
          title: t("dashboard.colUnit"),
          dataIndex: "label",
          sorter: (a, b) => a.label.localeCompare(b.label, "vi"),
          render: (label: string, row) => (
            <span style={{ display: "inline-flex", alignItems: "center", gap: 4, maxWidth: "100%" }}>
              <Typography.Text ellipsis={{ tooltip: label }} style={{ maxWidth: 320 }}>
                {label}
              </Typography.Text>
              {row.unit && canOpen(row) && (
                <Tooltip title={t("dashboard.openUnit")}>
                  <Button
                    type="text"
                    size="small"
                    icon={<ApartmentOutlined />}
                    aria-label={t("dashboard.openUnit")}
                    onClick={(event: MouseEvent) => {
                      event.stopPropagation();
                      if (row.unit) onOpenUnit(row.unit.id);
                    }}
                    data-testid={`unit-open-${row.unit.id}`}
                  />
                </Tooltip>
              )}
            </span>
          ),
        },
        {
          title: t("dashboard.colValue"),
          key: "value",
          width: 96,
          align: "right",
          sorter: (a, b) => (a.percent ?? -1) - (b.percent ?? -1),
          render: (_, row) => (
            <Typography.Text strong={row.status === "not_met"}>
              {formatFigure(row, indicator.display, language) ?? t("dashboard.noData")}
            </Typography.Text>
          ),
        },
        {
          title: t("dashboard.colCounts"),
          key: "counts",
          width: 130,
          align: "right",
          sorter: (a, b) => (a.denominator ?? 0) - (b.denominator ?? 0),
          render: (_, row) => (
            <span style={{ whiteSpace: "nowrap" }}>
              {figure(row, "numerator")} / {figure(row, "denominator")}
            </span>
          ),
        },
        // People of unknown origin, left out of the denominator (indicators with a "local" test only).
        {
          title: t("dashboard.colUnknown"),
          key: "unknown",
          width: 96,
          align: "right",
          hidden: !rows.some((r) => r.unknown > 0),
          render: (_, row) => figure(row, "unknown"),
        },
        {
          title: t("dashboard.colStatus"),
          dataIndex: "status",
          width: 104,
          sorter: (a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status],
          render: (status: IndicatorStatus) => <StatusTag status={status} />,
        },
      ]}
    />
  );
}
