import { Table, Tooltip, Typography } from "antd";
import type { HTMLAttributes } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import type { CadreListItem, CadrePage } from "../../../../common/contracts/cadres.ts";
import { CADRE_PAGE_SIZE_MAX } from "../../../../common/contracts/cadres.ts";
import { formatBirthDate } from "../../../../common/rules/birth-date.ts";
import { useLocale } from "../../../app/locale-context.tsx";
import { useCodes } from "../hooks/use-cadre-queries.ts";
import { CADRE_COLUMNS } from "../utils/cadre-columns.ts";
import { localName } from "../utils/code-names.ts";
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

/** A value cut to its column, whole in a tooltip. */
function withTooltip(text: string | null | undefined) {
  if (!text) return dash(text);
  return (
    <Tooltip title={text} placement="topLeft">
      <span>{text}</span>
    </Tooltip>
  );
}

const C = CADRE_COLUMNS;

/**
 * One page of the search, in the server's order (Vietnamese name order: given name, then middle, then
 * family name). A click on a row, or Enter on its name link, opens the record.
 */
export function CadreTable({ data, isLoading, page, pageSize, onPage }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { language } = useLocale();
  const codes = useCodes();
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
      // Fixed layout: the widths below hold, long units and titles end in an ellipsis with a tooltip
      // instead of widening the table past the screen (CADRE_COLUMNS says what shows where).
      tableLayout="fixed"
      columns={[
        { title: t("cadres.colStaffCode"), dataIndex: "staffCode", ...C.staffCode, ellipsis: true },
        {
          title: t("cadres.colFullName"),
          dataIndex: "fullName",
          ...C.fullName,
          ellipsis: { showTitle: false },
          render: (name: string, row) => (
            <Link to={`/cadres/${row.id}`} data-testid={`cadre-link-${row.id}`} title={name}>
              {name}
            </Link>
          ),
        },
        {
          title: t("cadres.colSex"),
          dataIndex: "sex",
          ...C.sex,
          responsive: [...C.sex.responsive],
          render: (s: CadreListItem["sex"]) => t(`sex.${s}`),
        },
        {
          title: t("cadres.colBirthDate"),
          dataIndex: "birthDate",
          ...C.birthDate,
          // Printed as known: "1975", "03/1975" when only the year or the month is on record.
          render: (d: string, r) => formatBirthDate(d, r.birthDatePrecision),
        },
        { title: t("cadres.colAge"), dataIndex: "age", ...C.age, align: "right" },
        {
          title: t("cadres.colUnit"),
          key: "unit",
          ...C.unit,
          ellipsis: { showTitle: false },
          render: (_, r) => withTooltip(r.unit?.name),
        },
        {
          title: t("cadres.colTitle"),
          key: "title",
          ...C.title,
          ellipsis: { showTitle: false },
          render: (_, r) => withTooltip(r.title?.name),
        },
        {
          title: t("cadres.colTier"),
          dataIndex: "tier",
          ...C.tier,
          ellipsis: true,
          render: (tier: CadreListItem["tier"]) => (tier ? <TierName tier={tier} /> : dash(null)),
        },
        {
          title: t("cadres.colQualification"),
          key: "qualification",
          ...C.qualification,
          responsive: [...C.qualification.responsive],
          ellipsis: { showTitle: false },
          render: (_, r) =>
            withTooltip(localName(codes.data, "professional", r.highestQualification, language)),
        },
        {
          title: t("cadres.colPoliticalTheory"),
          key: "politicalTheory",
          ...C.politicalTheory,
          responsive: [...C.politicalTheory.responsive],
          ellipsis: { showTitle: false },
          render: (_, r) =>
            withTooltip(localName(codes.data, "political_theory", r.politicalTheory, language)),
        },
      ]}
    />
  );
}
