import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { AuditPage } from "../../../../common/contracts/audit.ts";
import { api } from "../../../app/api-client.ts";

/** The filters of GET /api/audit, as the page holds them (dates as YYYY-MM-DD). */
export type AuditFilter = {
  actor?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  q?: string;
};

/** One page of the audit log, newest first; the previous page stays on screen while the next loads. */
export function useAuditPage(filter: AuditFilter, page: number, pageSize: number) {
  return useQuery({
    queryKey: ["audit", filter, page, pageSize],
    queryFn: ({ signal }) => api<AuditPage>("/audit", { query: { ...filter, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
    staleTime: 0,
  });
}
