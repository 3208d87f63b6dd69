import { Card, Table, Typography } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import type { Analysis } from "../../../../common/contracts/indicators.ts";
import { formatAverageAge, formatCount, type NumberLanguage } from "../utils/indicator-format.ts";

type Row = Analysis["keyLeadersAge"][number];

/**
 * "Tuổi bình quân cán bộ chủ chốt": the holders of key posts by the level of the post (city, district,
 * commune) — how many, their average age, the youngest and the oldest; "—" where a level has nobody.
 */
export function KeyLeadersAgeTable({ rows, language }: { rows: readonly Row[]; language: NumberLanguage }) {
  const { t } = useTranslation();
  const age = (value: number | null) => (value === null ? "—" : formatCount(value, language));
  return (
    <Card size="small" title={t("analysis.keyAge")} data-testid="analysis-key-age">
      <Table<Row>
        rowKey="level"
        size="small"
        pagination={false}
        dataSource={[...rows]}
        locale={{ emptyText: t("dashboard.noData") }}
        onRow={(row) => ({ "data-testid": `key-age-row-${row.level}` }) as HTMLAttributes<HTMLElement>}
        columns={[
          {
            title: t("analysis.colLevel"),
            dataIndex: "level",
            render: (level: Row["level"]) => t(`analysis.level.${level}`),
          },
          {
            title: t("analysis.colCount"),
            dataIndex: "count",
            align: "right",
            width: 84,
            render: (count: number) => formatCount(count, language),
          },
          {
            title: t("analysis.colAverage"),
            key: "average",
            align: "right",
            width: 96,
            render: (_, row) => (
              <Typography.Text strong data-testid={`key-age-average-${row.level}`}>
                {formatAverageAge(row.averageAge, language)}
              </Typography.Text>
            ),
          },
          {
            title: t("analysis.colYoungest"),
            key: "youngest",
            align: "right",
            width: 84,
            render: (_, row) => age(row.youngest),
          },
          {
            title: t("analysis.colOldest"),
            key: "oldest",
            align: "right",
            width: 84,
            render: (_, row) => age(row.oldest),
          },
        ]}
      />
      <Typography.Text type="secondary" style={{ display: "block", marginTop: 8, fontSize: 12 }}>
        {t("analysis.keyAgeNote")}
      </Typography.Text>
    </Card>
  );
}
