import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Drawer, Space, Spin, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { IndicatorDefinition } from "../../../../common/contracts/indicators.ts";
import { formatDmy } from "../../../../common/rules/dates.ts";
import { useLocale } from "../../../app/locale-context.tsx";
import { useCatalogueWords } from "../hooks/use-catalogue-words.ts";
import { describeCondition, describePopulation, describeTarget } from "../utils/catalogue-words.ts";
import { versionInEffect } from "../utils/version-form.ts";

type Props = {
  code: string;
  versions: IndicatorDefinition[] | undefined;
  isLoading: boolean;
  error: Error | null;
  /** The date the page shows: the version in effect then is marked. */
  asOf: string;
  canManage: boolean;
  onAdd: () => void;
  onClose: () => void;
};

/** Every version of one definition, newest first; versions are added, never edited (ADR 0004). */
export function VersionHistoryDrawer({
  code,
  versions,
  isLoading,
  error,
  asOf,
  canManage,
  onAdd,
  onClose,
}: Props) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const words = useCatalogueWords();
  const current = versions ? versionInEffect(versions, asOf) : undefined;
  const title = current ?? versions?.at(-1);

  return (
    <Drawer
      open
      size={640}
      onClose={onClose}
      title={
        title
          ? t("indicatorCatalogue.historyTitle", {
              code,
              name: language === "en" ? title.nameEn : title.name,
            })
          : code
      }
      extra={
        canManage && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={onAdd}
            disabled={!versions?.length}
            data-testid="catalogue-add-version"
          >
            {t("indicatorCatalogue.addVersion")}
          </Button>
        )
      }
      data-testid="catalogue-history"
    >
      {error ? (
        <Alert type="error" showIcon title={error.message} />
      ) : isLoading || !versions ? (
        <div style={{ padding: 48, textAlign: "center" }}>
          <Spin />
        </div>
      ) : (
        <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
          <Typography.Text type="secondary">{t("indicatorCatalogue.historyHelp")}</Typography.Text>
          {[...versions].reverse().map((v) => (
            <Card
              key={v.id}
              size="small"
              data-testid={`catalogue-version-${v.effectiveFrom}`}
              title={t("indicatorCatalogue.effectiveFromDate", { date: formatDmy(v.effectiveFrom) })}
              extra={
                <Space size={4}>
                  {v === current && <Tag color="green">{t("indicatorCatalogue.inEffect")}</Tag>}
                  {v.effectiveFrom > asOf && <Tag color="blue">{t("indicatorCatalogue.future")}</Tag>}
                  {!v.active && <Tag>{t("indicatorCatalogue.inactive")}</Tag>}
                </Space>
              }
            >
              <Descriptions
                size="small"
                column={1}
                styles={{ label: { width: 150 } }}
                items={[
                  {
                    key: "name",
                    label: t("indicatorCatalogue.colName"),
                    children: language === "en" ? v.nameEn : v.name,
                  },
                  {
                    key: "population",
                    label: t("indicatorCatalogue.colPopulation"),
                    children: describePopulation(v.population, words),
                  },
                  {
                    key: "condition",
                    label: t("indicatorCatalogue.colCondition"),
                    children: describeCondition(v.condition, words),
                  },
                  {
                    key: "target",
                    label: t("indicatorCatalogue.colTarget"),
                    children: `${describeTarget(v, words)} · ${t(`indicatorCatalogue.display.${v.display}`)}`,
                  },
                  ...(v.description
                    ? [
                        {
                          key: "description",
                          label: t("indicatorCatalogue.description"),
                          children: v.description,
                        },
                      ]
                    : []),
                  { key: "createdBy", label: t("indicatorCatalogue.createdBy"), children: v.createdBy },
                ]}
              />
            </Card>
          ))}
        </Space>
      )}
    </Drawer>
  );
}
