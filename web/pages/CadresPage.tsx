import { ImportOutlined, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Space, Typography } from "antd";
import { useCallback, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { CADRE_PAGE_SIZE_MAX } from "../../common/contracts/cadres.ts";
import { useAuth } from "../app/auth-context.tsx";
import { setValues, useUrlParams } from "../app/use-url-params.ts";
import { CadreExportButtons } from "../modules/cadres/components/CadreExportButtons.tsx";
import { CadreFilters } from "../modules/cadres/components/CadreFilters.tsx";
import { CadreFormDrawer } from "../modules/cadres/components/CadreFormDrawer.tsx";
import { CadreTable } from "../modules/cadres/components/CadreTable.tsx";
import { useCadrePage } from "../modules/cadres/hooks/use-cadre-queries.ts";
import { type CadreFilter, FILTER_KEYS, filterFromParams } from "../modules/cadres/utils/cadre-filter.ts";

const DEFAULT_PAGE_SIZE = 50;

/**
 * Cán bộ: search and filters over the records in the user's scope, as of a date. Filters, page and page
 * size live in the URL (?q=…&unitId=…&page=…), so a list can be bookmarked, shared and reloaded.
 */
export function CadresPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const navigate = useNavigate();
  const [params, updateParams] = useUrlParams();
  const [isCreating, setCreating] = useState(false);

  const filter = useMemo(() => filterFromParams(params), [params]);
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const sizeParam = Number.parseInt(params.get("pageSize") ?? "", 10);
  const pageSize = sizeParam >= 1 && sizeParam <= CADRE_PAGE_SIZE_MAX ? sizeParam : DEFAULT_PAGE_SIZE;
  const isAgeInvalid =
    filter.ageFrom !== undefined && filter.ageTo !== undefined && filter.ageFrom > filter.ageTo;
  const result = useCadrePage(filter, page, pageSize, !isAgeInvalid);

  const change = useCallback(
    (changes: Partial<CadreFilter>) =>
      updateParams((next) => {
        setValues(next, changes);
        // Another filter, another list: back to its first page.
        next.delete("page");
      }),
    [updateParams],
  );
  const reset = useCallback(
    () =>
      updateParams((next) => {
        for (const key of [...FILTER_KEYS, "page"]) next.delete(key);
      }),
    [updateParams],
  );
  const turnPage = (nextPage: number, nextSize: number) =>
    updateParams(
      (next) => {
        if (nextSize !== pageSize) {
          next.delete("page");
          if (nextSize === DEFAULT_PAGE_SIZE) next.delete("pageSize");
          else next.set("pageSize", String(nextSize));
        } else if (nextPage === 1) next.delete("page");
        else next.set("page", String(nextPage));
      },
      // Pages are steps the Back button should walk through.
      { replace: false },
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <div
        style={{
          display: "flex",
          alignItems: "center",
          justifyContent: "space-between",
          gap: 16,
          flexWrap: "wrap",
        }}
      >
        <Typography.Title level={3} style={{ margin: 0 }}>
          {t("cadres.title")}
        </Typography.Title>
        <Space wrap>
          <CadreExportButtons filter={filter} disabled={isAgeInvalid} />
          {can("cadres.import") && (
            <Button icon={<ImportOutlined />} onClick={() => navigate("/cadres/import")}>
              {t("cadres.import")}
            </Button>
          )}
          {can("cadres.write") && (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="cadre-add"
            >
              {t("cadres.add")}
            </Button>
          )}
        </Space>
      </div>
      <Card size="small">
        <CadreFilters value={filter} onChange={change} onReset={reset} />
      </Card>
      {isAgeInvalid && <Alert type="warning" showIcon title={t("cadres.ageInvalid")} />}
      {result.error && !isAgeInvalid && (
        <Alert
          type="error"
          showIcon
          title={result.error.message}
          action={
            <Button size="small" onClick={() => result.refetch()}>
              {t("app.retry")}
            </Button>
          }
        />
      )}
      <CadreTable
        data={isAgeInvalid ? undefined : result.data}
        isLoading={result.isFetching}
        page={page}
        pageSize={pageSize}
        onPage={turnPage}
      />
      {isCreating && (
        <CadreFormDrawer
          mode="create"
          onClose={() => setCreating(false)}
          onDone={(created) => navigate(`/cadres/${created.id}`)}
        />
      )}
    </Space>
  );
}
