import { ArrowLeftOutlined, CloseOutlined } from "@ant-design/icons";
import { Alert, Button, Segmented, Space, Tag, Typography } from "antd";
import { type MouseEvent, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { CADRE_PAGE_SIZE_MAX } from "../../common/contracts/cadres.ts";
import type { DrillSide } from "../../common/contracts/indicators.ts";
import { formatDmy } from "../../common/rules/dates.ts";
import { todayIso } from "../app/dates.ts";
import { useLocale } from "../app/locale-context.tsx";
import { useUrlParams } from "../app/use-url-params.ts";
import { CadreTable } from "../modules/cadres/components/CadreTable.tsx";
import { useTierNames } from "../modules/cadres/hooks/use-tier-names.ts";
import { IndicatorPeopleExportButton } from "../modules/indicators/components/IndicatorPeopleExportButton.tsx";
import { useIndicatorPeople } from "../modules/indicators/hooks/use-indicator-queries.ts";
import {
  dashboardPath,
  drillParamsOf,
  isIndicatorCode,
} from "../modules/indicators/utils/dashboard-params.ts";
import { formatCount } from "../modules/indicators/utils/indicator-format.ts";
import { NotFoundPage } from "./NotFoundPage.tsx";

const DEFAULT_PAGE_SIZE = 50;

/**
 * The people behind a figure of the dashboard: the numerator (those who meet the condition) or the
 * denominator (the whole population) of an indicator, for a unit subtree on a date, optionally one tier (or
 * the people without one) or only the people placed in the unit itself.
 * Everything is in the URL, so the list a figure opens can be bookmarked and sent.
 */
export function IndicatorPeoplePage() {
  const { code } = useParams();
  return isIndicatorCode(code) ? <IndicatorPeople code={code} /> : <NotFoundPage />;
}

function IndicatorPeople({ code }: { code: string }) {
  const { t } = useTranslation();
  const tierNames = useTierNames();
  const { language } = useLocale();
  const navigate = useNavigate();
  const [params, updateParams] = useUrlParams();
  const drill = useMemo(() => {
    const parsed = drillParamsOf(params);
    // The date is always sent: "today" must not move under a list that is being read.
    return { ...parsed, asOf: parsed.asOf ?? todayIso() };
  }, [params]);
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const sizeParam = Number.parseInt(params.get("pageSize") ?? "", 10);
  const pageSize = sizeParam >= 1 && sizeParam <= CADRE_PAGE_SIZE_MAX ? sizeParam : DEFAULT_PAGE_SIZE;
  const result = useIndicatorPeople(code, drill, page, pageSize, language);
  const data = result.data;

  const setSide = (side: DrillSide) =>
    updateParams((next) => {
      next.set("side", side);
      // Another list: back to its first page.
      next.delete("page");
    });
  const clear = (key: "tier" | "directOnly") =>
    updateParams((next) => {
      next.delete(key);
      next.delete("page");
    });
  // Pages replace each other in the history (unlike the cadre list): Back returns to the dashboard.
  const turnPage = (nextPage: number, nextSize: number) =>
    updateParams((next) => {
      if (nextSize !== pageSize) {
        next.delete("page");
        if (nextSize === DEFAULT_PAGE_SIZE) next.delete("pageSize");
        else next.set("pageSize", String(nextSize));
      } else if (nextPage === 1) next.delete("page");
      else next.set("page", String(nextPage));
    });

  // Opened from the dashboard, the way back is the dashboard as it was (its unit may be the parent of
  // this one); opened from a link, it is the dashboard of this unit and indicator.
  const back = dashboardPath({
    asOf: drill.asOf === todayIso() ? undefined : drill.asOf,
    unitId: drill.unitId,
    code,
  });
  const goBack = (event: MouseEvent) => {
    // react-router numbers its history entries: idx 0 is where the visit to the app began.
    const idx = (window.history.state as { idx?: number } | null)?.idx ?? 0;
    if (idx > 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey) {
      event.preventDefault();
      navigate(-1);
    }
  };

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Link to={back} onClick={goBack} data-testid="indicator-people-back">
        <ArrowLeftOutlined /> {t("indicatorPeople.back")}
      </Link>
      <Typography.Title level={3} style={{ margin: 0 }} data-testid="indicator-people-title">
        {data
          ? t(drill.directOnly ? "indicatorPeople.titleDirect" : "indicatorPeople.title", {
              code: data.code,
              name: data.name,
              unit: data.unit.name,
              date: formatDmy(data.asOf),
            })
          : code}
      </Typography.Title>
      <div
        style={{
          display: "flex",
          alignItems: "center",
          justifyContent: "space-between",
          gap: 16,
          flexWrap: "wrap",
        }}
      >
        <Space wrap size="middle">
          <Segmented<DrillSide>
            value={drill.side}
            onChange={setSide}
            options={[
              { value: "numerator", label: t("indicatorPeople.numerator") },
              { value: "denominator", label: t("indicatorPeople.denominator") },
              ...(drill.side === "unknown"
                ? [{ value: "unknown" as const, label: t("indicatorPeople.unknown") }]
                : []),
            ]}
            data-testid="indicator-people-side"
          />
          <Typography.Text type="secondary">
            {t(
              drill.side === "numerator"
                ? "indicatorPeople.numeratorHint"
                : drill.side === "unknown"
                  ? "indicatorPeople.unknownHint"
                  : "indicatorPeople.denominatorHint",
            )}
          </Typography.Text>
          {drill.tier && (
            <Tag
              closable
              closeIcon={<CloseOutlined />}
              onClose={() => clear("tier")}
              data-testid="indicator-people-tier"
            >
              {drill.tier === "none"
                ? t("dashboard.noTier")
                : t("indicatorPeople.tier", { tier: tierNames.name(drill.tier) })}
            </Tag>
          )}
          {drill.directOnly && (
            <Tag
              closable
              closeIcon={<CloseOutlined />}
              onClose={() => clear("directOnly")}
              data-testid="indicator-people-direct"
            >
              {t("indicatorPeople.directOnly")}
            </Tag>
          )}
        </Space>
        <Space wrap size="middle">
          {data && (
            <Typography.Text strong data-testid="indicator-people-total">
              {t("indicatorPeople.total", {
                count: data.total,
                formatted: formatCount(data.total, language),
              })}
            </Typography.Text>
          )}
          <IndicatorPeopleExportButton code={code} params={drill} disabled={!data || data.total === 0} />
        </Space>
      </div>
      {result.error && (
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
        data={result.error ? undefined : data}
        isLoading={result.isFetching}
        page={page}
        pageSize={pageSize}
        onPage={turnPage}
      />
    </Space>
  );
}
