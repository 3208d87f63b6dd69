import { Alert, Card, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AuditFilters } from "../modules/audit/components/AuditFilters.tsx";
import { AuditTable } from "../modules/audit/components/AuditTable.tsx";
import { type AuditFilter, useAuditPage } from "../modules/audit/hooks/use-audit-page.ts";

/** Nhật ký: who changed what, when, and why (administrators, permission audit.read). */
export function AuditPage() {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<AuditFilter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 50 });
  const result = useAuditPage(filter, paging.page, paging.pageSize);

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Typography.Title level={3} style={{ margin: 0 }}>
        {t("audit.title")}
      </Typography.Title>
      <Card size="small">
        <AuditFilters
          value={filter}
          onChange={(next) => {
            setFilter(next);
            setPaging((p) => ({ ...p, page: 1 }));
          }}
        />
      </Card>
      {result.error && <Alert type="error" showIcon title={result.error.message} />}
      <AuditTable
        data={result.data}
        isLoading={result.isFetching}
        page={paging.page}
        pageSize={paging.pageSize}
        onPage={(page, pageSize) => setPaging({ page, pageSize })}
      />
    </Space>
  );
}
