import { useMutation, useQueryClient } from "@tanstack/react-query";
import type {
  CadreDetail,
  CreateCadreInput,
  DeleteHistoryInput,
  EndHistoryInput,
  HistoryKind,
  UpdateCadreInput,
} from "../../../../common/contracts/cadres.ts";
import { api } from "../../../app/api-client.ts";
import { CADRES_KEY } from "./use-cadre-queries.ts";

/** After a change the list, the record and its facts may all differ: refetch every cadre answer. */
function useCadresMutation<Input, Output>(send: (input: Input) => Promise<Output>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CADRES_KEY }),
  });
}

export function useCreateCadre() {
  return useCadresMutation((input: CreateCadreInput) =>
    api<CadreDetail>("/cadres", { method: "POST", body: input }),
  );
}

/** PATCH with the version read; a stale version answers 409 CADRE_VERSION_CONFLICT. */
export function useUpdateCadre(id: number) {
  return useCadresMutation((input: UpdateCadreInput) =>
    api<CadreDetail>(`/cadres/${id}`, { method: "PATCH", body: input }),
  );
}

/** A history change: add a row, correct one, end one on a date, or delete one entered by mistake. */
export type HistoryChange =
  | { action: "add"; values: Record<string, unknown> }
  | { action: "correct"; rowId: number; values: Record<string, unknown> }
  | { action: "end"; rowId: number; values: EndHistoryInput }
  | { action: "delete"; rowId: number; values: DeleteHistoryInput };

export function useHistoryChange(cadreId: number, kind: HistoryKind) {
  return useCadresMutation((change: HistoryChange) => {
    const base = `/cadres/${cadreId}/${kind}`;
    switch (change.action) {
      case "add":
        return api<unknown>(base, { method: "POST", body: change.values });
      case "correct":
        return api<unknown>(`${base}/${change.rowId}`, { method: "PATCH", body: change.values });
      case "end":
        return api<unknown>(`${base}/${change.rowId}/end`, { method: "POST", body: change.values });
      case "delete":
        return api<unknown>(`${base}/${change.rowId}`, { method: "DELETE", body: change.values });
    }
  });
}
