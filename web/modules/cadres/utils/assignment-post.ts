/**
 * The post picked in an assignment form is "seat:<id>" (a seat of the unit) or "title:<id>" (a title
 * of the catalogue, for a unit without that seat). The API takes a seat, or a unit and a title.
 */
export function postBody(
  post: unknown,
  unitId: number,
): { seatId: number; unitId: number } | { seatId: null; unitId: number; titleId: number } {
  const [type, id] = String(post ?? "").split(":");
  return type === "seat" ? { seatId: Number(id), unitId } : { seatId: null, unitId, titleId: Number(id) };
}

export function postValue(row: { seatId: number | null; titleId: number }): string {
  return row.seatId !== null ? `seat:${row.seatId}` : `title:${row.titleId}`;
}
