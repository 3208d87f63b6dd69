import { Alert, Button, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { isIsoDate } from "../../common/rules/dates.ts";
import { useAuth } from "../app/auth-context.tsx";
import { todayIso } from "../app/dates.ts";
import { AsOfPicker, PageHeader } from "../app/PageHeader.tsx";
import { setValues, useUrlParams } from "../app/use-url-params.ts";
import { AddVersionModal } from "../modules/indicator-catalogue/components/AddVersionModal.tsx";
import { CatalogueTable } from "../modules/indicator-catalogue/components/CatalogueTable.tsx";
import { VersionHistoryDrawer } from "../modules/indicator-catalogue/components/VersionHistoryDrawer.tsx";
import { useCatalogue, useIndicatorHistory } from "../modules/indicator-catalogue/hooks/use-catalogue.ts";
import { versionInEffect } from "../modules/indicator-catalogue/utils/version-form.ts";

/**
 * Danh mục chỉ tiêu: the definitions in effect on a date; a row opens its versions, and a manager adds a
 * version from a date. The date and the open indicator live in the URL (?asOf=…&code=…).
 */
export function IndicatorCataloguePage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const [params, setParams] = useUrlParams();
  const [isAdding, setIsAdding] = useState(false);

  const asOfParam = params.get("asOf");
  const asOf = asOfParam && isIsoDate(asOfParam) ? asOfParam : todayIso();
  const code = params.get("code") ?? undefined;
  const catalogue = useCatalogue(asOf);
  const history = useIndicatorHistory(code);
  const versions = history.data?.versions;
  const base = versions ? (versionInEffect(versions, asOf) ?? versions.at(-1)) : undefined;
  const canManage = can("indicators.manage");

  const update = (changes: Record<string, string | undefined>) =>
    setParams((next) => setValues(next, changes));

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <PageHeader
        title={t("indicatorCatalogue.title")}
        extra={
          <AsOfPicker
            value={asOf}
            onChange={(d) => update({ asOf: d })}
            label={t("indicatorCatalogue.asOf")}
            loading={catalogue.isFetching}
            testId="catalogue-as-of"
          />
        }
      />
      <Typography.Text type="secondary">
        {canManage ? t("indicatorCatalogue.intro") : t("indicatorCatalogue.introReadOnly")}
      </Typography.Text>
      {catalogue.error ? (
        <Alert
          type="error"
          showIcon
          title={catalogue.error.message}
          action={
            <Button size="small" onClick={() => catalogue.refetch()}>
              {t("app.retry")}
            </Button>
          }
        />
      ) : (
        <CatalogueTable
          items={catalogue.data?.items ?? []}
          isLoading={catalogue.isLoading}
          onOpen={(open) => update({ code: open })}
        />
      )}
      {code !== undefined && (
        <VersionHistoryDrawer
          code={code}
          versions={versions}
          isLoading={history.isLoading}
          error={history.error}
          asOf={asOf}
          canManage={canManage}
          onAdd={() => setIsAdding(true)}
          onClose={() => {
            setIsAdding(false);
            update({ code: undefined });
          }}
        />
      )}
      {/* Outside the drawer in the React tree, so Escape in the form closes the form only. */}
      {isAdding && code !== undefined && base && (
        <AddVersionModal
          code={code}
          base={base}
          onClose={() => setIsAdding(false)}
          onDone={() => setIsAdding(false)}
        />
      )}
    </Space>
  );
}
