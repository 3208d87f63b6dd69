import { Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { IndicatorDefinition } from "../../../../common/contracts/indicators.ts";
import { formatDmy } from "../../../../common/rules/dates.ts";
import { useLocale } from "../../../app/locale-context.tsx";
import { useCatalogueWords } from "../hooks/use-catalogue-words.ts";
import { describeCondition, describePopulation, describeTarget } from "../utils/catalogue-words.ts";

type Props = {
  items: IndicatorDefinition[];
  isLoading: boolean;
  onOpen: (code: string) => void;
};

/** The definitions in effect on a date, in catalogue order; a row opens its history. */
export function CatalogueTable({ items, isLoading, onOpen }: Props) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const words = useCatalogueWords();

  return (
    <Table<IndicatorDefinition>
      data-testid="catalogue-table"
      rowKey="code"
      size="middle"
      loading={isLoading}
      dataSource={items}
      pagination={false}
      locale={{ emptyText: t("indicatorCatalogue.empty") }}
      scroll={{ x: 1000 }}
      onRow={(def) => ({
        onClick: () => onOpen(def.code),
        // Rows open with the keyboard too: Tab to a row, Enter.
        onKeyDown: (event) => {
          if (event.key === "Enter") onOpen(def.code);
        },
        tabIndex: 0,
        style: { cursor: "pointer" },
        "data-testid": `catalogue-row-${def.code}`,
      })}
      columns={[
        {
          title: t("indicatorCatalogue.colCode"),
          dataIndex: "code",
          width: 80,
          render: (code: string) => <Typography.Text strong>{code}</Typography.Text>,
        },
        {
          title: t("indicatorCatalogue.colName"),
          key: "name",
          width: 260,
          render: (_, def) => (
            <>
              {language === "en" ? def.nameEn : def.name}
              {def.display === "count" && (
                <Tag style={{ marginInlineStart: 8 }}>{t("indicatorCatalogue.displayCountShort")}</Tag>
              )}
            </>
          ),
        },
        {
          title: t("indicatorCatalogue.colPopulation"),
          key: "population",
          width: 260,
          render: (_, def) => describePopulation(def.population, words),
        },
        {
          title: t("indicatorCatalogue.colCondition"),
          key: "condition",
          render: (_, def) => describeCondition(def.condition, words),
        },
        {
          title: t("indicatorCatalogue.colTarget"),
          key: "target",
          width: 130,
          render: (_, def) => (
            <span style={{ whiteSpace: "nowrap" }}>
              {def.target === null ? (
                <Typography.Text type="secondary">{describeTarget(def, words)}</Typography.Text>
              ) : (
                describeTarget(def, words)
              )}
            </span>
          ),
        },
        {
          title: t("indicatorCatalogue.colEffectiveFrom"),
          dataIndex: "effectiveFrom",
          width: 120,
          render: (date: string) => formatDmy(date),
        },
      ]}
    />
  );
}
