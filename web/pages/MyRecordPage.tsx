import { Alert, Button, Result, Skeleton, Space } from "antd";
import { useTranslation } from "react-i18next";
import { ApiError } from "../app/api-client.ts";
import { todayIso } from "../app/dates.ts";
import { CadreDetailView } from "../modules/cadres/components/CadreDetailView.tsx";
import { useCadreDetail } from "../modules/cadres/hooks/use-cadre-queries.ts";
import { useRecordParams } from "../modules/cadres/hooks/use-record-params.ts";

/** Hồ sơ của tôi (/me): the signed-in user's own record, read-only (GET /api/cadres/me). */
export function MyRecordPage() {
  const { t } = useTranslation();
  const { asOf, tab, setAsOf, setTab } = useRecordParams();
  const detail = useCadreDetail("me", asOf === todayIso() ? undefined : asOf);

  if (detail.error instanceof ApiError && detail.error.code === "CADRE_NO_OWN_RECORD")
    return (
      <Result
        status="info"
        title={t("menu.me")}
        subTitle={t("cadre.notLinked")}
        data-testid="me-not-linked"
      />
    );

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
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
          canWrite={false}
          isOwn
        />
      )}
    </Space>
  );
}
