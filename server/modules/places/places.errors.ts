import { defineErrors } from "../../lib/errors.ts";

export const PlaceErrors = defineErrors({
  PLACE_NOT_FOUND: { status: 404, vi: "Không tìm thấy địa danh.", en: "Place not found." },
  PLACE_UNKNOWN: {
    status: 422,
    vi: "Địa danh không có trong danh mục đơn vị hành chính.",
    en: "The place is not in the list of administrative units.",
  },
});
