import { Table, Typography } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { CadreListItem, CadrePage } from "../../../../common/contracts/cadres.ts";
import { CADRE_PAGE_SIZE_MAX } from "../../../../common/contracts/cadres.ts";
import { formatBirthDate } from "../../../../common/rules/birth-date.ts";
import { TierName } from "./TierName.tsx";

type Props = {
  data: CadrePage | undefined;
  isLoading: boolean;
  page: number;
  pageSize: number;
  onPage: (page: number, pageSize: number) => void;
};

function dash(text: string | null | undefined) {
  return text ? text : <Typography.Text type="secondary">—</Typography.Text>;
}

/**
 * One page of the search, in the server's order (Vietnamese name order: given name, then middle, then
 * family name). A click on a row, or Enter on its name link, opens the record.
 */
export function CadreTable({ data, isLoading, page, pageSize, onPage }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Table<CadreListItem>
      data-testid="cadre-table"
      rowKey="id"
      size="middle"
      loading={isLoading}
      dataSource={data?.items ?? []}
      locale={{ emptyText: t("cadres.empty") }}
      onRow={(row) =>
        ({
          "data-testid": `cadre-row-${row.id}`,
          style: { cursor: "pointer" },
          onClick: (event) => {
            // Let links and selections inside the row do their own thing.
            if ((event.target as HTMLElement).closest("a")) return;
            if (window.getSelection()?.toString()) return;
            navigate(`/cadres/${row.id}`);
          },
        }) as HTMLAttributes<HTMLElement>
      }
      pagination={{
        current: page,
        pageSize,
        total: data?.total ?? 0,
        showSizeChanger: true,
        pageSizeOptions: [20, 50, 100, CADRE_PAGE_SIZE_MAX],
        showTotal: (total) => t("cadres.total", { count: total }),
        onChange: onPage,
      }}
      scroll={{ x: 1300 }}
      columns={[
        { title: t("cadres.colStaffCode"), dataIndex: "staffCode", width: 120 },
        {
          title: t("cadres.colFullName"),
          dataIndex: "fullName",
          width: 200,
          render: (name: string, row) => (
            <Link to={`/cadres/${row.id}`} data-testid={`cadre-link-${row.id}`}>
              {name}
            </Link>
          ),
        },
        {
          title: t("cadres.colSex"),
          dataIndex: "sex",
          width: 80,
          render: (s: CadreListItem["sex"]) => t(`sex.${s}`),
        },
        {
          title: t("cadres.colBirthDate"),
          dataIndex: "birthDate",
          width: 110,
          // Printed as known: "1975", "03/1975" when only the year or the month is on record.
          render: (d: string, r) => formatBirthDate(d, r.birthDatePrecision),
        },
        { title: t("cadres.colAge"), dataIndex: "age", width: 64, align: "right" },
        { title: t("cadres.colUnit"), key: "unit", render: (_, r) => dash(r.unit?.name) },
        { title: t("cadres.colTitle"), key: "title", render: (_, r) => dash(r.title?.name) },
        {
          title: t("cadres.colTier"),
          dataIndex: "tier",
          width: 140,
          render: (tier: CadreListItem["tier"]) => (tier ? <TierName tier={tier} /> : dash(null)),
        },
        {
          title: t("cadres.colQualification"),
          key: "qualification",
          width: 120,
          render: (_, r) => dash(r.highestQualification?.name),
        },
        {
          title: t("cadres.colPoliticalTheory"),
          key: "politicalTheory",
          width: 110,
          render: (_, r) => dash(r.politicalTheory?.name),
        },
      ]}
    />
  );
}
