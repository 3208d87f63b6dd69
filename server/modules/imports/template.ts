import type { Writable } from "node:stream";
import { sql } from "drizzle-orm";
import {
  IMPORT_COLUMNS,
  type ImportFormat,
  SEX_LABELS,
  STAFF_TYPE_LABELS,
  TIER_LABELS,
} from "../../../common/contracts/imports.ts";
import type { CodeListName } from "../../../common/enums/cadres.ts";
import type { Db, Executor } from "../../db/client.ts";
import { type Actor, authorize, hasPermission } from "../../lib/actor.ts";
import type { Clock } from "../../lib/clock.ts";
import { titleVersionHolds } from "../posts/index.ts";
import { scopePredicate } from "../units/index.ts";
import type { Column } from "./layout.ts";
import { createSheetWriter, type SheetWriter } from "./sheets.ts";
import { TRAINING_COLUMNS, TRAINING_KIND_LABELS, TRAININGS_SHEET } from "./trainings.ts";

/**
 * The import template: sheet "Cán bộ" with the header row and a row of hints (left in place, it is
 * skipped on import), and sheet "Hướng dẫn" listing the columns and the valid codes — code lists, titles,
 * and the units the actor may import into. CSV has the first sheet only.
 */

const CODE_LIST_TITLES: readonly [CodeListName, string][] = [
  ["professional", "Trình độ chuyên môn (Mã, Tên trình độ chuyên môn)"],
  ["political_theory", "Lý luận chính trị (Mã, Tên lý luận chính trị)"],
  ["state_management", "Quản lý nhà nước (Mã, Tên quản lý nhà nước)"],
  ["civil_service_grade", "Ngạch, chức danh nghề nghiệp (Mã ngạch, Tên ngạch)"],
  ["ethnicity", "Dân tộc (Mã dân tộc, Tên dân tộc)"],
  ["religion", "Tôn giáo (Mã tôn giáo, Tên tôn giáo)"],
  ["management_tier", "Diện quản lý (mã hoặc tên; tên ngắn như BTV Thành ủy cũng được)"],
];

const GUIDE = [
  "Dòng 1 là tiêu đề cột: tiếng Việt như mẫu hoặc khóa tiếng Anh (cột Khóa), không phân biệt hoa thường hay dấu.",
  "Dòng 2 là gợi ý: có thể để nguyên (được bỏ qua khi nhập) hoặc xóa đi. Dữ liệu bắt đầu từ dòng 3.",
  "Ngày ghi dd/mm/yyyy (ví dụ 05/09/1980) hoặc yyyy-mm-dd; ô kiểu Ngày của Excel cũng được.",
  "Đơn vị, chức danh và các danh mục ghi bằng mã hoặc bằng tên (cột Tên … bên cạnh cột Mã …, xem các bảng bên dưới). Ghi cả hai thì mã được dùng. Tên phải ứng với đúng một mã vào ngày của dòng, nếu không dòng báo lỗi kèm các mã có tên đó.",
  "Các cột mã, tên có danh sách chọn (mũi tên ở góc ô), lấy từ trang Danh mục.",
  "Hồ sơ đã có được nhận ra theo Số hiệu cán bộ hoặc Số định danh cá nhân và được cập nhật, không tạo trùng.",
  "Ô trống ở hồ sơ đã có: giữ nguyên giá trị đang lưu.",
  "Đổi đơn vị/chức danh, diện quản lý hay bậc lương: dòng cũ kết thúc vào ngày bắt đầu mới (giữ lịch sử).",
  "Diện quản lý đã kết thúc (ví dụ diện BTV Quận ủy, chỉ có đến 30/06/2025): ghi Ngày kết thúc diện quản lý (ngày cuối cùng còn thuộc diện); dòng đó được thêm vào quá trình, không kết thúc diện đang giữ.",
  "Các cột cùng nhóm (ví dụ Mã đơn vị công tác, Mã chức danh, Ngày bắt đầu giữ chức danh) phải ghi đủ cùng nhau.",
  "Có lỗi ở bất kỳ dòng nào thì không dòng nào được nhập; tệp lỗi có thêm cột Lỗi để sửa và nhập lại.",
];

export type TemplateData = {
  codes: { list: CodeListName; code: string; name: string }[];
  titles: { code: string; name: string }[];
  units: { code: string; name: string }[];
};

export function createTemplateService({ db, clock }: { db: Db; clock: Clock }) {
  /** Writes the template for the actor (sensitive columns only for those who may write them). */
  async function writeTemplate(actor: Actor, format: ImportFormat, target: Writable | string): Promise<void> {
    authorize(actor, "cadres.import");
    const data = await templateData(db, actor.scope, clock.today());
    await renderTemplate(format, target, data, hasPermission(actor, "cadres.sensitive"));
  }
  return { writeTemplate };
}

export type TemplateService = ReturnType<typeof createTemplateService>;

async function templateData(tx: Executor, scope: Actor["scope"], today: string): Promise<TemplateData> {
  const [codes, titles, units] = await Promise.all([
    tx.execute<{ list: CodeListName; code: string; name: string }>(sql`
      SELECT list, code, name FROM code_lists WHERE is_active ORDER BY list, rank, code`),
    tx.execute<{ code: string; name: string }>(sql`
      SELECT t.code, t.name FROM titles t
      JOIN title_versions tv ON tv.title_id = t.id AND ${titleVersionHolds("tv", sql`${today}::date`)}
      ORDER BY tv.level, t.rank, t.code`),
    tx.execute<{ code: string; name: string }>(sql`
      SELECT u.code, v.name FROM unit_versions v JOIN units u ON u.id = v.unit_id
      WHERE u.code IS NOT NULL AND v.valid_from <= ${today}::date AND (v.valid_to IS NULL OR v.valid_to > ${today}::date)
        AND ${scopePredicate(sql.raw("u.id"), scope, today)}
      ORDER BY u.code`),
  ]);
  return { codes: codes.rows, titles: titles.rows, units: units.rows };
}

export async function renderTemplate(
  format: ImportFormat,
  target: Writable | string,
  data: TemplateData,
  withSensitive: boolean,
): Promise<void> {
  const columns = (IMPORT_COLUMNS as readonly Column[]).filter((c) => withSensitive || !c.sensitive);
  const writer = createSheetWriter(format, target, {
    name: "Cán bộ",
    widths: columns.map((c) => Math.min(40, Math.max(14, c.header.length + 2))),
    textColumns: columns.flatMap((c, i) => (c.kind === "step" || c.kind === "coefficient" ? [] : [i])),
    frozenRows: 1,
  });
  writer.row(
    columns.map((c) => c.header),
    "header",
  );
  writer.row(
    columns.map((c) => c.hint),
    "hint",
  );
  const lists = choiceLists(columns, data);
  lists.forEach((list, i) => {
    writer.validateList({
      column: list.column,
      fromRow: 3,
      source: { sheet: LISTS_SHEET, column: i, firstRow: 2, lastRow: list.values.length + 1 },
      prompt: list.title,
    });
  });
  // The second sheet: training courses, one row per course (read by the import at this position).
  const kinds: ChoiceList = {
    column: TRAINING_COLUMNS.findIndex((c) => c.key === "kind"),
    title: "Loại bồi dưỡng",
    values: Object.values(TRAINING_KIND_LABELS),
  };
  writer.sheet({
    name: TRAININGS_SHEET,
    widths: TRAINING_COLUMNS.map((c) => c.width),
    textColumns: TRAINING_COLUMNS.flatMap((c, i) =>
      c.key === "startedOn" || c.key === "completedOn" ? [] : [i],
    ),
    frozenRows: 1,
  });
  writer.row(
    TRAINING_COLUMNS.map((c) => c.header),
    "header",
  );
  writer.validateList({
    column: kinds.column,
    fromRow: 2,
    source: { sheet: LISTS_SHEET, column: lists.length, firstRow: 2, lastRow: kinds.values.length + 1 },
    prompt: kinds.title,
  });
  lists.push(kinds);
  writer.sheet({ name: "Hướng dẫn", widths: [36, 24, 16, 56, 22] });
  writeGuide(writer, columns, data);
  writer.sheet({
    name: LISTS_SHEET,
    widths: lists.map(() => 24),
    textColumns: lists.map((_, i) => i),
    hidden: true,
  });
  writer.row(
    lists.map((l) => l.title),
    "header",
  );
  const longest = Math.max(0, ...lists.map((l) => l.values.length));
  for (let r = 0; r < longest; r++) writer.row(lists.map((l) => l.values[r] ?? null));
  await writer.close();
}

/** The hidden sheet of the values the drop-downs offer. */
export const LISTS_SHEET = "Danh mục";

type ChoiceList = { column: number; title: string; values: readonly string[] };

/** The drop-down of each coded column of the template (codes in a code column, names in a name column). */
function choiceLists(columns: readonly Column[], data: TemplateData): ChoiceList[] {
  const listOf = (c: Column): readonly { code: string; name: string }[] | undefined => {
    const key = (c.nameOf ?? c.key) as string;
    const coded =
      columns.find((x) => x.key === key) ?? (IMPORT_COLUMNS as readonly Column[]).find((x) => x.key === key);
    if (!coded) return undefined;
    if (coded.kind === "code" && coded.list) return data.codes.filter((x) => x.list === coded.list);
    if (key === "unitCode") return data.units;
    if (key === "titleCode") return data.titles;
    return undefined;
  };
  const lists: ChoiceList[] = [];
  columns.forEach((c, column) => {
    if (c.kind === "sex") lists.push({ column, title: c.header, values: Object.values(SEX_LABELS) });
    else if (c.kind === "staffType")
      lists.push({ column, title: c.header, values: Object.values(STAFF_TYPE_LABELS) });
    else if (c.kind === "tier") lists.push({ column, title: c.header, values: Object.values(TIER_LABELS) });
    else {
      const entries = listOf(c);
      if (!entries?.length) return;
      const values =
        c.kind === "codeName" ? [...new Set(entries.map((e) => e.name))] : entries.map((e) => e.code);
      lists.push({ column, title: c.header, values });
    }
  });
  return lists;
}

function writeGuide(w: SheetWriter, columns: readonly Column[], data: TemplateData) {
  w.row(["Hướng dẫn nhập hồ sơ cán bộ"], "section");
  for (const line of GUIDE) w.row([line]);
  w.row([]);
  w.row(["Cột", "Khóa", "Bắt buộc", "Định dạng, danh mục", "Ví dụ"], "header");
  for (const c of columns) {
    const required = c.required ? "Có" : c.groupRequired ? "Khi dùng nhóm" : "";
    w.row([c.header, c.key, required, describe(c), c.example]);
  }
  // Code first, then its name, as the headers say.
  const section = (title: string, rows: readonly (readonly [code: string, name: string])[]) => {
    w.row([]);
    w.row([title], "section");
    w.row(["Mã", "Tên"], "header");
    for (const [code, name] of rows) w.row([code, name]);
  };
  w.row([]);
  w.row([`Trang «${TRAININGS_SHEET}»`], "section");
  for (const line of TRAININGS_GUIDE) w.row([line]);
  section("Loại bồi dưỡng (ghi tên hoặc mã)", Object.entries(TRAINING_KIND_LABELS));
  section("Giới tính (ghi tên hoặc mã)", Object.entries(SEX_LABELS));
  section("Loại cán bộ (ghi tên hoặc mã)", Object.entries(STAFF_TYPE_LABELS));
  section("Diện quản lý (ghi tên hoặc mã)", Object.entries(TIER_LABELS));
  for (const [list, title] of CODE_LIST_TITLES) {
    section(
      title,
      data.codes.filter((c) => c.list === list).map((c) => [c.code, c.name] as const),
    );
  }
  section(
    "Chức danh (Mã chức danh, Tên chức danh)",
    data.titles.map((t) => [t.code, t.name] as const),
  );
  section(
    "Đơn vị đang hoạt động (Mã đơn vị công tác, Tên đơn vị công tác; nơi sinh, quê quán)",
    data.units.map((u) => [u.code, u.name] as const),
  );
}

const TRAININGS_GUIDE = [
  "Mỗi dòng là một khóa đào tạo, bồi dưỡng của một người: Số hiệu cán bộ (hồ sơ đã có hoặc có trên trang Cán bộ của tệp), Loại bồi dưỡng và Tên khóa bồi dưỡng là bắt buộc.",
  "Cột Họ và tên chỉ để đọc; ngày ghi dd/mm/yyyy. Dòng giống hệt một khóa người đó đã có (mọi cột trừ họ tên) thì bỏ qua: nhập lại tệp xuất không thêm gì.",
  "Nhập tệp không sửa hay xóa khóa đã có; sửa trên màn hình hồ sơ.",
];

function describe(c: Column): string {
  const group = c.group ? " Cùng nhóm với các cột liên quan." : "";
  const sensitive = c.sensitive ? " Thông tin nhạy cảm: cần quyền cadres.sensitive." : "";
  return `${c.hint}.${group}${sensitive}`;
}
