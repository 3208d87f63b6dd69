import { ArrowLeftOutlined } from "@ant-design/icons";
import { Alert, Button, Result, Skeleton, Space } from "antd";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { ApiError } from "../app/api-client.ts";
import { useAuth } from "../app/auth-context.tsx";
import { todayIso } from "../app/dates.ts";
import { CadreDetailView } from "../modules/cadres/components/CadreDetailView.tsx";
import { useCadreDetail } from "../modules/cadres/hooks/use-cadre-queries.ts";
import { useRecordParams } from "../modules/cadres/hooks/use-record-params.ts";

/** /cadres/:id — one record. */
export function CadreDetailPage() {
  const { t } = useTranslation();
  const { can } = useAuth();
  const { id: idParam } = useParams();
  const id = Number(idParam);
  const isValidId = Number.isInteger(id) && id > 0;
  const { asOf, tab, setAsOf, setTab } = useRecordParams();
  const detail = useCadreDetail(id, asOf === todayIso() ? undefined : asOf, isValidId);

  const back = (
    <Link to="/cadres">
      <ArrowLeftOutlined /> {t("cadre.backToList")}
    </Link>
  );
  if (!isValidId || (detail.error instanceof ApiError && detail.error.status === 404))
    return (
      <Result
        status="404"
        title="404"
        subTitle={detail.error?.message ?? t("app.notFound")}
        extra={<Link to="/cadres">{t("cadre.backToList")}</Link>}
      />
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      {back}
      {detail.error && (
        <Alert
          type="error"
          showIcon
          title={detail.error.message}
          action={
            <Button size="small" onClick={() => detail.refetch()}>
              {t("app.retry")}
            </Button>
          }
        />
      )}
      {detail.isLoading && <Skeleton active paragraph={{ rows: 10 }} />}
      {detail.data && (
        <CadreDetailView
          cadre={detail.data}
          asOf={asOf}
          onAsOf={setAsOf}
          tab={tab}
          onTab={setTab}
          isFetching={detail.isFetching}
          canWrite={can("cadres.write")}
        />
      )}
    </Space>
  );
}
