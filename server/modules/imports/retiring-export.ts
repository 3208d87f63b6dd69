import type { Writable } from "node:stream";
import { SEX_LABELS } from "../../../common/contracts/imports.ts";
import type { RetiringPage } from "../../../common/contracts/retirement.ts";
import { formatBirthDate } from "../../../common/rules/birth-date.ts";
import { formatDmy } from "../../../common/rules/dates.ts";
import type { RetirementOverrideKind } from "../../../common/rules/retirement-override.ts";
import { excelDate, writeListSheet } from "./sheets.ts";

/** Short Vietnamese names of the retirement exceptions, for the spreadsheet's column. */
const OVERRIDE_LABELS: Record<RetirementOverrideKind, string> = {
  earlier: "Nghỉ hưu sớm (NĐ 135/2020, Điều 5)",
  later_woman_leader: "Nữ lãnh đạo nghỉ hưu muộn (NĐ 53/2015)",
  later_academic: "Kéo dài thời gian công tác (NĐ 50/2022)",
  reorganisation: "Nghỉ hưu trước tuổi khi sắp xếp (NĐ 178/2024)",
  statutory: "Theo tuổi quy định",
};

/**
 * The "retiring soon" list as a spreadsheet: the same rows as the page (every one, in its order), with
 * the dates the notice rule sets — tell the person by, decide by. Dates are real Excel dates shown
 * dd/mm/yyyy (a user sorts and filters them, or counts the days left); a birth date known only by its
 * month or year stays text ("03/1975", "1968"), as in the cadre export, since a day would claim more
 * than the record knows.
 */
export function writeRetiringSheet(list: RetiringPage, unitName: string, out: Writable): Promise<void> {
  return writeListSheet(out, {
    name: "Sắp nghỉ hưu",
    widths: [6, 14, 28, 8, 12, 34, 30, 14, 14, 14, 14, 34],
    textColumns: [1],
    title: list.overdue
      ? "Danh sách người đã quá tuổi nghỉ hưu nhưng hồ sơ chưa ghi nhận nghỉ"
      : `Danh sách cán bộ đến tuổi nghỉ hưu trong ${list.within} tháng`,
    hint: list.overdue
      ? `Đơn vị: ${unitName}; tính đến ngày ${formatDmy(list.asOf)}; ${list.items.length} người. ` +
        "Các chỉ tiêu không tính những người này cho đến khi hồ sơ ghi ngày nghỉ hoặc quyết định kéo dài thời gian công tác."
      : `Đơn vị: ${unitName}; tính từ ngày ${formatDmy(list.asOf)} đến ${formatDmy(list.until)}; ${list.items.length} người. ` +
        `Thông báo trước ${list.notice.informMonths} tháng, ra quyết định trước ${list.notice.decideMonths} tháng (${list.notice.citation}).`,
    headers: [
      "STT",
      "Số hiệu",
      "Họ và tên",
      "Giới tính",
      "Ngày sinh",
      "Đơn vị",
      "Chức vụ",
      "Ngày nghỉ hưu",
      "Hưởng lương hưu từ",
      "Thông báo trước ngày",
      "Quyết định trước ngày",
      "Ngoại lệ",
    ],
    rows: list.items.map((p, i) => [
      i + 1,
      p.staffCode,
      p.fullName,
      SEX_LABELS[p.sex],
      p.birthDatePrecision === "day"
        ? excelDate(p.birthDate)
        : formatBirthDate(p.birthDate, p.birthDatePrecision),
      p.unit?.name ?? null,
      p.title?.name ?? null,
      excelDate(p.retirementDate),
      excelDate(p.pensionFrom),
      excelDate(p.informBy),
      excelDate(p.decideBy),
      p.overrideKind ? OVERRIDE_LABELS[p.overrideKind] : null,
    ]),
  });
}
