import { Card, Table, Typography } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { Analysis } from "../../../../common/contracts/indicators.ts";
import { formatCount, formatPercent, type NumberLanguage } from "../utils/indicator-format.ts";

type Groups = Analysis["leadersVsAll"];
type Share = Groups["all"]["women"] & { code?: string };
type Measure = "women" | "young";
type Group = keyof Groups;

/** Bar colours of the two groups: leaders dark, all staff light, so the pair reads as one comparison. */
const GROUP_COLORS: Record<Group, string> = { leaders: "#0b5cad", all: "#91b8e6" };

/**
 * Women and young shares among the cadres of the standing-committee tiers (the catalogue's own figures, I2
 * and I1, as on their cards) and among all staff, side by side: the percent ("33,39%"), the people counted
 * over the group, and a thin bar for the eye.
 */
export function LeadersVsAllTable({ groups, language }: { groups: Groups; language: NumberLanguage }) {
  const { t } = useTranslation();

  const cell = (measure: Measure, group: Group) => {
    const share: Share | null = groups[group][measure];
    const testId = `share-${measure}-${group}`;
    if (!share || share.percent === null)
      return (
        <Typography.Text type="secondary" data-testid={testId}>
          {t("dashboard.noData")}
        </Typography.Text>
      );
    return (
      <div data-testid={testId}>
        <div style={{ display: "flex", justifyContent: "flex-end", alignItems: "baseline", gap: 6 }}>
          {share.code && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {share.code}
            </Typography.Text>
          )}
          <Typography.Text strong>{formatPercent(share.percent, language)}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: "nowrap" }}>
            {formatCount(share.numerator, language)}/{formatCount(share.denominator, language)}
          </Typography.Text>
        </div>
        <div style={{ height: 4, background: "#f0f0f0", borderRadius: 2, marginTop: 2 }}>
          <div
            style={{
              width: `${Math.min(100, share.percent)}%`,
              height: "100%",
              background: GROUP_COLORS[group],
              borderRadius: 2,
            }}
          />
        </div>
      </div>
    );
  };

  const rows: { measure: Measure }[] = [{ measure: "women" }, { measure: "young" }];
  return (
    <Card size="small" title={t("analysis.leadersVsAll")} data-testid="analysis-leaders-vs-all">
      <Table<{ measure: Measure }>
        rowKey="measure"
        size="small"
        pagination={false}
        dataSource={rows}
        onRow={(row) => ({ "data-testid": `share-row-${row.measure}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("analysis.colShare"),
            dataIndex: "measure",
            render: (measure: Measure) => t(`analysis.${measure}`),
          },
          {
            title: t("analysis.leaders"),
            key: "leaders",
            align: "right",
            width: "36%",
            render: (_, row) => cell(row.measure, "leaders"),
          },
          {
            title: t("analysis.all"),
            key: "all",
            align: "right",
            width: "36%",
            render: (_, row) => cell(row.measure, "all"),
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ display: "block", marginTop: 8, fontSize: 12 }}>
        {t("analysis.youngNote")}
      </Typography.Text>
    </Card>
  );
}
