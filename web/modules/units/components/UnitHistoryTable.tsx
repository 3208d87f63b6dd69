import { Table } from "antd";
import { useTranslation } from "react-i18next";
import type { UnitDetail } from "../../../../common/contracts/units.ts";
import { formatDmy } from "../../../../common/rules/dates.ts";
import { lastDayOf } from "../../../../common/rules/periods.ts";

type Version = UnitDetail["history"][number];

/** Names and parents of a unit over time, oldest first (as the server sends them). */
export function UnitHistoryTable({ history }: { history: UnitDetail["history"] }) {
  const { t } = useTranslation();
  return (
    <Table<Version>
      size="small"
      pagination={false}
      rowKey={(v) => `${v.validFrom}-${v.name}`}
      dataSource={history}
      data-testid="unit-history"
      // Fixed layout: long names end in an ellipsis (whole in the tooltip) instead of widening the table.
      tableLayout="fixed"
      columns={[
        { title: t("units.name"), dataIndex: "name", ellipsis: true },
        {
          title: t("units.historyParent"),
          dataIndex: "parentName",
          ellipsis: true,
          render: (v: string | null) => v ?? t("app.none"),
        },
        {
          title: t("units.historyFrom"),
          dataIndex: "validFrom",
          width: 110,
          render: (v: string) => formatDmy(v),
        },
        {
          title: t("units.historyTo"),
          dataIndex: "validTo",
          width: 110,
          // The last day the version held; the stored end is the day after (DOMAIN §9).
          render: (v: string | null) => (v ? formatDmy(lastDayOf(v)) : t("app.none")),
        },
      ]}
    />
  );
}
