import { Alert, Button, Segmented, Space, Table, Tag, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { RetiringItem } from "../../common/contracts/retirement.ts";
import { formatBirthDate } from "../../common/rules/birth-date.ts";
import { formatDmy } from "../../common/rules/dates.ts";
import { DownloadButton } from "../app/DownloadButton.tsx";
import { todayIso } from "../app/dates.ts";
import { AsOfPicker, PageHeader } from "../app/PageHeader.tsx";
import { useUrlParams } from "../app/use-url-params.ts";
import { useRetiring } from "../modules/cadres/hooks/use-retirement.ts";

const DEFAULT_PAGE_SIZE = 50;

function dash(text: string | null | undefined) {
  return text ? text : <Typography.Text type="secondary">—</Typography.Text>;
}

/**
 * Sắp đến tuổi nghỉ hưu: people of the user's units whose retirement date falls within the next 6 months
 * (the agency informs them) or 3 months (it issues the decision), as of a date (DOMAIN §6). The server
 * scopes the list and places each date with the overrides recorded; date, window and page live in the URL.
 */
export function RetiringPage() {
  const { t } = useTranslation();
  const [params, updateParams] = useUrlParams();
  const asOf = params.get("asOf") ?? undefined;
  const within = Number(params.get("within") ?? "6") === 3 ? 3 : 6;
  // The people past their retirement date whose records still say serving (a data-quality list).
  const overdue = params.get("overdue") === "1";
  const page = Math.max(1, Number.parseInt(params.get("page") ?? "1", 10) || 1);
  const result = useRetiring({
    asOf,
    within,
    page,
    pageSize: DEFAULT_PAGE_SIZE,
    ...(overdue ? { overdue: "true" as const } : {}),
  });
  const data = result.data;
  const today = asOf ?? todayIso();
  const inform = data?.notice.informMonths ?? 6;
  const decide = data?.notice.decideMonths ?? 3;

  const set = (key: string, value: string | undefined) =>
    updateParams((next) => {
      if (value === undefined) next.delete(key);
      else next.set(key, value);
      next.delete("page");
    });

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <PageHeader
        title={t("retiring.title")}
        subtitle={
          <Typography.Text type="secondary">{t("retiring.intro", { inform, decide })}</Typography.Text>
        }
        extra={
          <Space wrap>
            <Segmented
              data-testid="retiring-within"
              value={overdue ? 0 : within}
              onChange={(v) =>
                updateParams((next) => {
                  next.delete("page");
                  next.delete("within");
                  next.delete("overdue");
                  if (v === 0) next.set("overdue", "1");
                  else if (v !== 6) next.set("within", String(v));
                })
              }
              options={[
                { value: inform, label: t("retiring.withinInform", { months: inform }) },
                { value: decide, label: t("retiring.withinDecide", { months: decide }) },
                { value: 0, label: t("retiring.overdueList") },
              ]}
            />
            <AsOfPicker
              value={today}
              onChange={(d) => set("asOf", d)}
              label={t("retiring.asOf")}
              loading={result.isFetching}
              testId="retiring-as-of"
            />
            <DownloadButton
              path="/cadres/retiring.xlsx"
              query={overdue ? { asOf, overdue: "true" } : { asOf, within }}
              fallbackName={overdue ? "qua-tuoi-nghi-huu.xlsx" : `sap-nghi-huu-${within}-thang.xlsx`}
              disabled={!result.data || result.data.total === 0}
              testId="retiring-export"
            />
          </Space>
        }
      />
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
      {data && !data.overdue && (
        <Typography.Text data-testid="retiring-range">
          {t("retiring.range", {
            from: formatDmy(data.asOf),
            until: formatDmy(data.until),
            count: data.total,
          })}
        </Typography.Text>
      )}
      {data?.overdue && (
        <Alert
          type={data.total > 0 ? "warning" : "success"}
          showIcon
          data-testid="retiring-overdue"
          title={t("retiring.overdueIntro", { date: formatDmy(data.asOf), count: data.total })}
        />
      )}
      <Table<RetiringItem>
        data-testid="retiring-table"
        rowKey="id"
        size="middle"
        loading={result.isFetching}
        dataSource={data?.items ?? []}
        scroll={{ x: 1300 }}
        pagination={{
          current: page,
          pageSize: DEFAULT_PAGE_SIZE,
          total: data?.total ?? 0,
          showSizeChanger: false,
          onChange: (p) =>
            updateParams(
              (next) => {
                if (p === 1) next.delete("page");
                else next.set("page", String(p));
              },
              { replace: false },
            ),
        }}
        columns={[
          {
            title: t("retiring.colName"),
            dataIndex: "fullName",
            width: 200,
            render: (name: string, row) => <Link to={`/cadres/${row.id}`}>{name}</Link>,
          },
          {
            title: t("retiring.colBirth"),
            key: "birth",
            width: 110,
            render: (_, r) => formatBirthDate(r.birthDate, r.birthDatePrecision),
          },
          { title: t("retiring.colUnit"), key: "unit", render: (_, r) => dash(r.unit?.name) },
          { title: t("retiring.colTitle"), key: "title", render: (_, r) => dash(r.title?.name) },
          {
            title: t("retiring.colRetirement"),
            dataIndex: "retirementDate",
            width: 130,
            render: (d: string) => <Typography.Text strong>{formatDmy(d)}</Typography.Text>,
          },
          {
            title: t("retiring.colPension"),
            dataIndex: "pensionFrom",
            width: 130,
            render: (d: string) => formatDmy(d),
          },
          {
            title: t("retiring.colBasis"),
            key: "basis",
            width: 190,
            render: (_, r) =>
              r.overrideKind ? (
                <Tooltip title={t("retiring.statutoryDate", { date: formatDmy(r.statutoryDate) })}>
                  <Tag color="purple">{t(`retirementOverride.kinds.${r.overrideKind}`)}</Tag>
                </Tooltip>
              ) : (
                <Typography.Text type="secondary">{t("retiring.statutory")}</Typography.Text>
              ),
          },
          {
            title: t("retiring.colInformBy"),
            dataIndex: "informBy",
            width: 120,
            render: (d: string) => <DueDate date={d} today={today} />,
          },
          {
            title: t("retiring.colDecideBy"),
            dataIndex: "decideBy",
            width: 130,
            render: (d: string) => <DueDate date={d} today={today} />,
          },
        ]}
      />
    </Space>
  );
}

/** A notice deadline, marked when it has passed on the date asked. */
function DueDate({ date, today }: { date: string; today: string }) {
  const { t } = useTranslation();
  return date < today ? (
    <Tooltip title={t("retiring.overdue")}>
      <Typography.Text type="danger">{formatDmy(date)}</Typography.Text>
    </Tooltip>
  ) : (
    <span>{formatDmy(date)}</span>
  );
}
