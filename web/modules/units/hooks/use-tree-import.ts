import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { UnitImportReport } from "../../../../common/contracts/units.ts";
import { apiUpload } from "../../../app/api-client.ts";
import { UNITS_KEY } from "./use-unit-queries.ts";

export type TreeImportInput = { file: File; asOf: string };

/**
 * One run of the organisation-tree import (POST /api/units/import, the file as the body): a dry run
 * only checks; a real run applies the whole file or nothing. A real run that wrote refetches the tree,
 * the details and every unit list.
 */
export function useTreeImport(dryRun: boolean) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ file, asOf }: TreeImportInput) =>
      apiUpload<UnitImportReport>("/units/import", file, {
        query: { dryRun: String(dryRun), asOf },
        raw: true,
      }),
    onSuccess: (report) => {
      if (!report.dryRun && report.errors.length === 0) {
        void queryClient.invalidateQueries({ queryKey: UNITS_KEY });
      }
    },
  });
}
