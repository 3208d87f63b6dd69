import { sql } from "drizzle-orm";
import { type CreateRootUnitInput, CreateRootUnitSchema } from "../common/contracts/units.ts";
import { UNIT_KINDS } from "../common/enums/units.ts";
import { formatDmy } from "../common/rules/dates.ts";
import type { Services } from "../server/app.ts";
import type { Db } from "../server/db/client.ts";
import type { Actor } from "../server/lib/actor.ts";
import { AppError, messageOf } from "../server/lib/errors.ts";
import { CliUsageError, parseAsOf } from "./indicators.ts";

/**
 * `canbo setup`: a province or a ministry starts with its own organisation instead of the demo. On an
 * empty database it creates the root unit and the first administrator, then says what to do next.
 */

export type SetupOptions = {
  rootName?: string | undefined;
  rootCode?: string | undefined;
  rootKind?: string | undefined;
  place?: string | undefined;
  validFrom?: string | undefined;
};

/** The root unit asked for, checked before the database is opened: a typo answers at once. */
export function rootOfOptions(
  options: SetupOptions,
  today: string,
): CreateRootUnitInput & { placeCode?: string } {
  if (!options.rootName?.trim()) {
    throw new CliUsageError(
      'Thiếu --root-name "<tên đơn vị gốc>", ví dụ --root-name "Ủy ban nhân dân tỉnh Lào Cai".',
    );
  }
  const kind = options.rootKind ?? "city";
  if (!(UNIT_KINDS as readonly string[]).includes(kind)) {
    throw new CliUsageError(`--root-kind không hợp lệ: "${kind}". Chọn một trong: ${UNIT_KINDS.join(", ")}.`);
  }
  const validFrom = options.validFrom === undefined ? today : parseAsOf(options.validFrom);
  const parsed = CreateRootUnitSchema.safeParse({
    name: options.rootName,
    code: options.rootCode,
    kind,
    validFrom,
    reason: "Khởi tạo hệ thống (canbo setup)",
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CliUsageError(`--root-${String(issue.path[0] ?? "name")}: ${issue.message}.`);
  }
  return { ...parsed.data, ...(options.place ? { placeCode: options.place.trim() } : {}) };
}

/** Whether nothing has been set up yet: no account and no unit (the lists of places do not count). */
export async function isFreshDatabase(db: Db): Promise<boolean> {
  const result = await db.execute<{ n: number }>(
    sql`SELECT (SELECT count(*) FROM units)::int + (SELECT count(*) FROM users)::int AS n`,
  );
  return (result.rows[0]?.n ?? 0) === 0;
}

export type SetupResult = {
  /** What was done and what to do next, for the terminal. */
  text: string;
  /** The administrator's generated password, to print once (absent when CANBO_ADMIN_PASSWORD gave it). */
  password?: string | undefined;
};

/**
 * Creates the root unit and the `admin` account on an empty database. Refuses (exit code 2) a database that
 * already holds units or accounts: setup is for the first day only.
 */
export async function runSetup(
  services: Pick<Services, "units" | "auth" | "places">,
  db: Db,
  actor: Actor,
  root: CreateRootUnitInput & { placeCode?: string },
  adminPassword: string | undefined,
): Promise<SetupResult> {
  if (!(await isFreshDatabase(db))) {
    throw new CliUsageError(
      "CSDL đã có dữ liệu (đơn vị hoặc tài khoản): canbo setup chỉ chạy trên CSDL trống. " +
        "Để thêm đơn vị gốc, đăng nhập bằng tài khoản quản trị và dùng “Tạo đơn vị gốc” trên trang Đơn vị/Tổ chức; " +
        "để bắt đầu lại từ đầu, dùng một thư mục dữ liệu (--data) hoặc CSDL mới.",
    );
  }
  const { placeCode, ...unit } = root;
  let placeId: number | undefined;
  if (placeCode !== undefined) {
    const { items } = await services.places.search(actor, { q: placeCode, asOf: unit.validFrom, limit: 100 });
    const place = items.find((p) => p.code === placeCode);
    if (!place) {
      throw new CliUsageError(
        `Không có địa danh mã ${placeCode} trong danh mục áp dụng ngày ${formatDmy(unit.validFrom)}.`,
      );
    }
    placeId = place.id;
  }
  let created: Awaited<ReturnType<Services["units"]["createRoot"]>>;
  try {
    created = await services.units.createRoot(actor, { ...unit, ...(placeId ? { placeId } : {}) });
  } catch (error) {
    if (error instanceof AppError && error.status < 500)
      throw new CliUsageError(messageOf(error.definition, "vi"));
    throw error;
  }
  const admin = await services.auth.ensureAdmin(actor, adminPassword);
  const lines = [
    `Đã tạo đơn vị gốc “${created.name}” (mã ${created.code ?? "—"}, hoạt động từ ${formatDmy(created.validFrom)}).`,
    admin.password
      ? "Đã tạo tài khoản quản trị admin (mật khẩu bên dưới, phải đổi khi đăng nhập lần đầu)."
      : "Đã tạo tài khoản quản trị admin với mật khẩu CANBO_ADMIN_PASSWORD.",
    "",
    "Bước tiếp theo:",
    "  1. Chạy máy chủ: npm run canbo -- start   (không dùng npm start: lệnh đó nạp dữ liệu mẫu vào CSDL trống)",
    "  2. Nhập cây tổ chức: npm run canbo -- import units <tệp.xlsx|.csv> --dry-run, sửa lỗi, rồi chạy lại không có --dry-run",
    "     (mẫu: npm run canbo -- export units --out to-chuc.xlsx; các đơn vị cấp dưới trỏ tới mã đơn vị cấp trên)",
    "  3. Nhập hồ sơ cán bộ: npm run canbo -- import template --out mau-can-bo.xlsx, điền, rồi",
    "     npm run canbo -- import cadres <tệp> --dry-run",
    '  4. Tạo tài khoản: npm run canbo -- user create <tên đăng nhập> --name "Họ tên" --role officer --scope <mã đơn vị>',
    "     (hoặc trang “Tài khoản” trên giao diện web); xem, khóa, mở lại, đặt lại mật khẩu:",
    "     npm run canbo -- user list | user disable <tên> | user enable <tên> | user reset-password <tên>",
    "Hướng dẫn đầy đủ: docs/getting-started.md",
  ];
  return { text: `${lines.join("\n")}\n`, password: admin.password };
}
