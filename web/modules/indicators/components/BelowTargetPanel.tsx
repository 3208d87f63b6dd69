import { Button, Card, Empty, Table, Typography } from "antd";
import type { HTMLAttributes, MouseEvent, ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { Analysis, BreakdownRow, DrillSide } from "../../../../common/contracts/indicators.ts";
import { formatCount, formatPercent, formatTarget, type NumberLanguage } from "../utils/indicator-format.ts";
import { STATUS_BAR_COLORS } from "../utils/status-colors.ts";
import { isDirectRow } from "../utils/unit-ranking.ts";
import { IndicatorSheetButton } from "./IndicatorSheetButton.tsx";

type Props = {
  belowTarget: Analysis["belowTarget"];
  /** The unit analysed: a row of its own (people placed in it directly) lists only them. */
  rootId: number;
  language: NumberLanguage;
  canSeeNames: boolean;
  onDrill: (code: string, target: { unitId: number; side: DrillSide; directOnly?: boolean }) => void;
  /** The date of the analysis, for its spreadsheet. */
  asOf: string;
};

/**
 * "Đơn vị chưa đạt mục tiêu": for each indicator with a target, the child units below it, worst first. A
 * click on a unit lists the people of its numerator; its figures open the numerator or the denominator.
 */
export function BelowTargetPanel({ belowTarget, rootId, language, canSeeNames, onDrill, asOf }: Props) {
  const { t } = useTranslation();

  const drill = (code: string, row: BreakdownRow, side: DrillSide) => {
    if (!row.unit) return;
    onDrill(code, { unitId: row.unit.id, side, ...(isDirectRow(row, rootId) ? { directOnly: true } : {}) });
  };
  const canDrill = (row: BreakdownRow) => canSeeNames && row.unit !== null;

  const figure = (code: string, row: BreakdownRow, side: DrillSide): ReactNode => {
    const count = row[side];
    if (count === null) return "—";
    const testId = `below-${side}-${code}-${row.unit?.id ?? row.key}`;
    if (!canDrill(row) || count === 0)
      return <span data-testid={testId}>{formatCount(count, language)}</span>;
    return (
      <Button
        type="link"
        size="small"
        style={{ padding: 0, height: "auto" }}
        onClick={(event: MouseEvent) => {
          event.stopPropagation();
          drill(code, row, side);
        }}
        data-testid={testId}
      >
        {formatCount(count, language)}
      </Button>
    );
  };

  return (
    <Card
      size="small"
      title={t("analysis.belowTarget")}
      data-testid="analysis-below-target"
      extra={
        belowTarget.some((b) => b.units.length > 0) ? (
          <IndicatorSheetButton
            path="/indicators/analysis/below-target.xlsx"
            asOf={asOf}
            unitId={rootId}
            fallbackName={`don-vi-chua-dat-${asOf}.xlsx`}
            testId="below-target-export"
          />
        ) : null
      }
    >
      {belowTarget.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("dashboard.noData")} />
      ) : (
        <div
          style={{
            display: "grid",
            gridTemplateColumns: "repeat(auto-fill, minmax(320px, 1fr))",
            gap: 12,
          }}
        >
          {belowTarget.map((item) => (
            <section
              key={item.code}
              data-testid={`below-target-${item.code}`}
              style={{ border: "1px solid #f0f0f0", borderRadius: 6, padding: "8px 10px", minWidth: 0 }}
            >
              <Typography.Text
                strong
                ellipsis={{ tooltip: `${item.code}. ${item.name}` }}
                style={{ width: "100%" }}
              >
                {item.code}. {item.name}
              </Typography.Text>
              <div style={{ display: "flex", justifyContent: "space-between", gap: 8, fontSize: 12 }}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t("dashboard.target", { target: formatTarget(item, language) })}
                </Typography.Text>
                <Typography.Text
                  type={item.units.length ? "danger" : "success"}
                  style={{ fontSize: 12 }}
                  data-testid={`below-target-count-${item.code}`}
                >
                  {item.units.length
                    ? t("analysis.unitsBelow", { count: item.units.length })
                    : t("analysis.allMet")}
                </Typography.Text>
              </div>
              {item.units.length > 0 && (
                <Table<BreakdownRow>
                  rowKey="key"
                  size="small"
                  pagination={false}
                  showHeader={false}
                  dataSource={item.units}
                  scroll={{ y: 232 }}
                  style={{ marginTop: 6 }}
                  onRow={(row) =>
                    ({
                      "data-testid": `below-row-${item.code}-${row.unit?.id ?? row.key}`,
                      style: { cursor: canDrill(row) ? "pointer" : undefined },
                      onClick: (event: MouseEvent) => {
                        if ((event.target as HTMLElement).closest("a, button")) return;
                        if (canDrill(row)) drill(item.code, row, "numerator");
                      },
                    }) as HTMLAttributes<HTMLElement>
                  }
                  columns={[
                    {
                      key: "unit",
                      dataIndex: "label",
                      render: (label: string) => (
                        <Typography.Text ellipsis={{ tooltip: label }} style={{ maxWidth: "100%" }}>
                          {label}
                        </Typography.Text>
                      ),
                    },
                    {
                      key: "value",
                      width: 92,
                      align: "right",
                      render: (_, row) => (
                        <div style={{ lineHeight: 1.3 }}>
                          <Typography.Text strong style={{ color: STATUS_BAR_COLORS.not_met }}>
                            {row.percent === null ? "—" : formatPercent(row.percent, language)}
                          </Typography.Text>
                          <div style={{ whiteSpace: "nowrap", fontSize: 12 }}>
                            {figure(item.code, row, "numerator")} / {figure(item.code, row, "denominator")}
                          </div>
                        </div>
                      ),
                    },
                  ]}
                />
              )}
            </section>
          ))}
        </div>
      )}
    </Card>
  );
}
