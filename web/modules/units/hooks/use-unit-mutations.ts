import { useMutation, useQueryClient } from "@tanstack/react-query";
import type {
  CreateRootUnitInput,
  CreateUnitInput,
  EndUnitInput,
  MoveUnitInput,
  RenameUnitInput,
  SetUnitCodeInput,
  SetUnitPlaceInput,
  UnitDetail,
} from "../../../../common/contracts/units.ts";
import { api } from "../../../app/api-client.ts";
import { UNITS_KEY } from "./use-unit-queries.ts";

/** After any change the tree and every detail may differ (names, parents, dates): refetch them. */
function useUnitsMutation<Input>(send: (input: Input) => Promise<UnitDetail>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: UNITS_KEY }),
  });
}

export function useCreateUnit() {
  return useUnitsMutation((input: CreateUnitInput) =>
    api<UnitDetail>("/units", { method: "POST", body: input }),
  );
}

/** A unit at the top of a tree (no parent); the server allows it to administrators only. */
export function useCreateRootUnit() {
  return useUnitsMutation((input: CreateRootUnitInput) =>
    api<UnitDetail>("/units/roots", { method: "POST", body: input }),
  );
}

export function useRenameUnit(id: number) {
  return useUnitsMutation((input: RenameUnitInput) =>
    api<UnitDetail>(`/units/${id}/rename`, { method: "POST", body: input }),
  );
}

export function useMoveUnit(id: number) {
  return useUnitsMutation((input: MoveUnitInput) =>
    api<UnitDetail>(`/units/${id}/move`, { method: "POST", body: input }),
  );
}

export function useSetUnitPlace(id: number) {
  return useUnitsMutation((input: SetUnitPlaceInput) =>
    api<UnitDetail>(`/units/${id}/place`, { method: "POST", body: input }),
  );
}

export function useEndUnit(id: number) {
  return useUnitsMutation((input: EndUnitInput) =>
    api<UnitDetail>(`/units/${id}/end`, { method: "POST", body: input }),
  );
}

export function useSetUnitCode(id: number) {
  return useUnitsMutation((input: SetUnitCodeInput) =>
    api<UnitDetail>(`/units/${id}/code`, { method: "POST", body: input }),
  );
}
