import { defineErrors } from "../../lib/errors.ts";

export const EvaluationErrors = defineErrors({
  EVALUATION_NOT_FOUND: {
    status: 404,
    vi: "Không tìm thấy phiếu đánh giá.",
    en: "Evaluation not found.",
  },
  EVALUATION_PERIOD_NOT_FOUND: {
    status: 404,
    vi: "Không tìm thấy kỳ đánh giá.",
    en: "Evaluation period not found.",
  },
  EVALUATION_UNIT_NOT_FOUND: {
    status: 404,
    vi: "Không tìm thấy đơn vị (hoặc đơn vị không thuộc phạm vi quản lý của bạn vào kỳ đánh giá).",
    en: "Unit not found (or outside your scope in the period).",
  },
  EVALUATION_SCHEME_UNKNOWN: {
    status: 422,
    vi: "Mẫu đánh giá không có, không chấm theo tháng hoặc quý, hoặc chưa có hiệu lực trong kỳ này.",
    en: "The scheme does not exist, is not scored by month or quarter, or is not in force in the period.",
  },
  EVALUATION_PERIOD_START_INVALID: {
    status: 422,
    vi: "Kỳ đánh giá phải bắt đầu từ ngày đầu tháng (kỳ tháng) hoặc ngày đầu quý (kỳ quý).",
    en: "A period starts on the first day of a month (monthly) or of a quarter (quarterly).",
  },
  EVALUATION_PERIOD_EXISTS: {
    status: 409,
    vi: "Đơn vị đã có kỳ đánh giá này theo mẫu này.",
    en: "The unit already has this period under this scheme.",
  },
  EVALUATION_PERIOD_CLOSED: {
    status: 409,
    vi: "Kỳ đánh giá đã khóa; chỉ người quyết định được mở lại phiếu, có ghi lý do.",
    en: "The period is closed; only the decider may reopen a form, with a reason.",
  },
  EVALUATION_VERSION_CONFLICT: {
    status: 409,
    vi: "Phiếu đã được người khác thay đổi sau khi bạn mở. Hãy tải lại rồi làm lại.",
    en: "The form was changed by someone else after you opened it. Reload and try again.",
  },
  EVALUATION_NOT_YOUR_STEP: {
    status: 403,
    vi: "Thao tác này không thuộc bước của bạn trong quy trình đánh giá.",
    en: "This step of the review chain is not yours.",
  },
  EVALUATION_NOT_ALLOWED_IN_STATE: {
    status: 409,
    vi: "Không thể thực hiện thao tác này ở trạng thái hiện tại của phiếu.",
    en: "This action is not allowed in the form's current state.",
  },
  EVALUATION_NOTE_REQUIRED: {
    status: 400,
    vi: "Phải ghi ý kiến khi trả lại phiếu, hoặc lý do khi mở lại phiếu đã khóa.",
    en: "A comment is required to return a form, a reason to reopen a locked one.",
  },
  EVALUATION_SCORES_INVALID: {
    status: 400,
    vi: "Điểm chấm chưa hợp lệ; xem từng tiêu chí được nêu.",
    en: "The scores are not valid; see each criterion named.",
  },
  EVALUATION_NOT_SCORED: {
    status: 409,
    vi: "Phiếu chưa được chấm điểm.",
    en: "The form has not been scored yet.",
  },
  EVALUATION_OVER_QUOTA: {
    status: 409,
    vi: "Vượt tỷ lệ được xếp loại cao nhất; cần quyết định vượt tỷ lệ có ghi lý do (nếu quy định cho phép).",
    en: "Over the top-grade quota; an override with a written reason is needed (where the scheme allows one).",
  },
});
