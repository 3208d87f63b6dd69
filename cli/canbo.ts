import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SingleBar } from "cli-progress";
import { Command, Option } from "commander";
import type { CadreExportQuery } from "../common/contracts/imports.ts";
import { PASSWORD_RULE } from "../common/contracts/users.ts";
import { ROLES, type Role } from "../common/enums/auth.ts";
import { isIsoDate, parseDate } from "../common/rules/dates.ts";
import { createServices } from "../server/app.ts";
import { type Config, loadConfig } from "../server/config.ts";
import { backup, restore } from "../server/db/backup.ts";
import { type Database, openDatabase } from "../server/db/client.ts";
import { runMigrations } from "../server/db/migrate.ts";
import { systemActor } from "../server/lib/actor.ts";
import { systemClock } from "../server/lib/clock.ts";
import { AppError, messageOf } from "../server/lib/errors.ts";
import { SHUTDOWN_DEADLINE_MS, startServer } from "../server/main.ts";
import { generatePassword } from "../server/modules/auth/index.ts";
import { loadPlaces, shippedPlaces } from "../server/modules/places/index.ts";
import { PROFILES, type Profile, seed } from "../server/seed/seed.ts";
import { VERSION } from "../server/version.ts";
import { chainVerdict } from "./audit.ts";
import {
  CliUsageError,
  INDICATOR_OUTPUT_FORMATS,
  type IndicatorOutputFormat,
  parseAsOf,
  runIndicators,
} from "./indicators.ts";
import { addSettingVersion, listSettings } from "./settings.ts";
import { rootOfOptions, runSetup } from "./setup.ts";
import { exportUnits, importUnits } from "./units.ts";
import { assertPasswordAllowed, disableUser, enableUser, listUsers, resetUserPassword } from "./users.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Opens the configured database, runs the work with the app's services, and closes it. */
async function withServices<T>(
  work: (services: ReturnType<typeof createServices>) => Promise<T>,
): Promise<T> {
  const database = await open(configOf());
  try {
    return await work(createServices(database, systemClock, 12));
  } finally {
    await database.close();
  }
}

/** A mistake in what the user typed ends the command with its message and exit code 2; others propagate. */
async function reportUsageErrors(work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    console.error(`Lỗi: ${error.message}`);
    process.exitCode = error.exitCode;
  }
}

/**
 * The password rule checked before the database is opened: a refused password answers at once, with exit
 * code 2 like every other mistake in what was typed (and like `user reset-password`).
 */
async function refusedPassword(given: string | undefined, username: string): Promise<boolean> {
  await reportUsageErrors(async () => assertPasswordAllowed(given, username));
  return process.exitCode === 2;
}

type GlobalOptions = { data?: string; databaseUrl?: string };

const program = new Command()
  .name("canbo")
  .description("canbo — hệ thống quản lý công tác cán bộ")
  .version(VERSION)
  .option("--data <dir>", "thư mục dữ liệu của CSDL nhúng (mặc định ./data hoặc CANBO_DATA_DIR)")
  .option("--database-url <url>", "kết nối PostgreSQL (mặc định DATABASE_URL)");

function configOf(extra: Partial<Config> = {}): Config {
  const g = program.opts<GlobalOptions>();
  return loadConfig(process.env, { dataDir: g.data, databaseUrl: g.databaseUrl, ...extra });
}

/** Opens the configured database, applies migrations and loads the official lists of places. */
async function open(config: Config): Promise<Database> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    migrationDatabaseUrl: config.migrationDatabaseUrl,
    dataDir: config.dataDir,
  });
  if (database.isOwner) {
    await runMigrations(database);
    await loadPlaces(database.db, shippedPlaces());
  }
  return database;
}

function bar(label: string) {
  const b = new SingleBar({
    format: `${label.padEnd(22)} [{bar}] {value}/{total} {step}`,
    barCompleteChar: "█",
    barIncompleteChar: "░",
    hideCursor: true,
    noTTYOutput: true,
    notTTYSchedule: 2000,
  });
  return b;
}

program
  .command("start")
  .description("chạy máy chủ web (áp dụng migration, tạo tài khoản admin lần đầu)")
  .option("--port <n>", "cổng (mặc định PORT hoặc 3000)")
  .option("--host <host>", "địa chỉ lắng nghe (mặc định HOST hoặc 0.0.0.0)")
  .option("--demo", "nạp dữ liệu mẫu (tổ chức Hà Nội) khi CSDL còn trống")
  .action(async (opts: { port?: string; host?: string; demo?: boolean }) => {
    const config = configOf({ port: opts.port ? Number(opts.port) : undefined, host: opts.host });
    await ensureWebBuilt();
    const engine = config.databaseUrl ? "PostgreSQL" : `PGlite (${config.dataDir})`;
    console.log(`canbo ${VERSION} — CSDL: ${engine}`);
    const b = bar("Dữ liệu mẫu (lần đầu)");
    let seeding = false;
    // Signals are handled from the first moment: as PID 1 in a container an unhandled SIGTERM is ignored.
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    let stopping = false;
    const shutdown = async (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`\n${signal}: đang dừng máy chủ…`);
      setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS + 2_000).unref();
      if (server) await server.stop();
      process.exit(0);
    };
    process.once("SIGINT", () => void shutdown("SIGINT"));
    process.once("SIGTERM", () => void shutdown("SIGTERM"));
    server = await startServer(config, {
      seedDemoIfEmpty: opts.demo === true,
      onSeedProgress: (step, done, total) => {
        if (!seeding) {
          seeding = true;
          b.start(total, done, { step });
        } else {
          // Each step counts its own things (units, seats, people): the bar takes the step's total.
          b.setTotal(total);
          b.update(done, { step });
        }
      },
      onAdminCreated: (password) => {
        if (password) printOnce(password);
        else console.log("Đã tạo tài khoản admin với mật khẩu CANBO_ADMIN_PASSWORD.");
      },
    });
    if (seeding) b.stop();
    if (stopping) {
      // A signal came while starting: stop now that there is something to stop.
      await server.stop();
      process.exit(0);
    }
    const shown = config.host === "0.0.0.0" ? "localhost" : config.host;
    console.log(`canbo đang chạy: http://${shown}:${config.port}  (API: /api/docs)`);
  });

program
  .command("setup")
  .description(
    "khởi tạo CSDL trống với tổ chức của bạn (thay cho dữ liệu mẫu): tạo đơn vị gốc và tài khoản admin " +
      "(mật khẩu CANBO_ADMIN_PASSWORD hoặc sinh ngẫu nhiên, in ra một lần)",
  )
  .option("--root-name <name>", "tên đơn vị gốc, ví dụ “Ủy ban nhân dân tỉnh Lào Cai” (bắt buộc)")
  .option("--root-code <code>", "mã đơn vị gốc (để trống: hệ thống đề xuất)")
  .option("--root-kind <kind>", "loại đơn vị gốc (city, department, agency, …)", "city")
  .option("--place <code>", "mã địa danh (đơn vị hành chính) mà đơn vị gốc quản lý")
  .option("--valid-from <date>", "ngày đơn vị gốc bắt đầu hoạt động (YYYY-MM-DD), mặc định hôm nay")
  .action(
    (opts: { rootName?: string; rootCode?: string; rootKind?: string; place?: string; validFrom?: string }) =>
      reportUsageErrors(async () => {
        const root = rootOfOptions(opts, systemClock.today());
        const config = configOf();
        const database = await open(config);
        try {
          const services = createServices(database, systemClock, 12);
          const result = await runSetup(
            services,
            database.db,
            systemActor("setup"),
            root,
            config.adminPassword,
          );
          process.stdout.write(result.text);
          if (result.password) printOnce(result.password);
        } finally {
          await database.close();
        }
      }),
  );

program
  .command("migrate")
  .description("áp dụng các migration SQL")
  .action(async () => {
    const database = await open(configOf());
    await database.close();
    console.log("Đã áp dụng migration.");
  });

program
  .command("seed")
  .description("nạp dữ liệu mẫu xác định (deterministic) vào CSDL trống")
  .addOption(new Option("--profile <name>", "hồ sơ dữ liệu").choices([...PROFILES]).default("demo"))
  .option("--seed <n>", "hạt giống ngẫu nhiên", "1")
  .action(async (opts: { profile: Profile; seed: string }) => {
    const database = await open(configOf());
    try {
      await runSeed(database, opts.profile, Number(opts.seed));
    } finally {
      await database.close();
    }
  });

async function runSeed(database: Database, profile: Profile, seedNumber: number) {
  const services = createServices(database, systemClock, 12);
  const b = bar("Dữ liệu mẫu");
  let started = false;
  const result = await seed({ db: database.db, units: services.units }, systemActor("seed"), {
    profile,
    seed: seedNumber,
    onProgress: (step, done, total) => {
      if (!started) {
        b.start(total, done, { step });
        started = true;
      } else {
        // Each step counts its own things (units, seats, people): the bar takes the step's total.
        b.setTotal(total);
        b.update(done, { step });
      }
    },
  });
  b.stop();
  console.log(result.summary);
}

const user = program.command("user").description("quản lý tài khoản");
user
  .command("create <username>")
  .description(
    `tạo tài khoản; mật khẩu lấy từ CANBO_NEW_USER_PASSWORD (${PASSWORD_RULE.vi}) ` +
      "hoặc được sinh ngẫu nhiên và in ra một lần",
  )
  .requiredOption("--name <displayName>", "họ tên")
  .addOption(new Option("--role <role...>", "vai trò").choices([...ROLES]).makeOptionMandatory())
  .option("--scope <unit...>", "đơn vị gốc của phạm vi quản lý: mã đơn vị (vd 001) hoặc id:123")
  .action(async (username: string, opts: { name: string; role: Role[]; scope?: string[] }) => {
    if (await refusedPassword(process.env.CANBO_NEW_USER_PASSWORD, username)) return;
    const given = process.env.CANBO_NEW_USER_PASSWORD;
    const database = await open(configOf());
    try {
      const services = createServices(database, systemClock, 12);
      const system = systemActor("cli");
      const scopeUnitIds: number[] = [];
      for (const s of opts.scope ?? []) {
        if (s.startsWith("id:")) scopeUnitIds.push(Number(s.slice(3)));
        else {
          const unit = await services.units.findByCode(system, s);
          if (!unit) throw new Error(`Không có đơn vị đang hoạt động với mã ${s}.`);
          scopeUnitIds.push(unit.id);
        }
      }
      const password = given ?? generatePassword();
      const created = await services.auth.createUser(system, {
        username,
        displayName: opts.name,
        password,
        roles: opts.role,
        scopeUnitIds,
        mustChangePassword: true,
      });
      console.log(`Đã tạo tài khoản ${created.username} (${created.roles.join(", ")}).`);
      if (!given) printOnce(password, created.username);
    } finally {
      await database.close();
    }
  });

user
  .command("list")
  .description("liệt kê tài khoản: tên đăng nhập, họ tên, vai trò, phạm vi (mã đơn vị), trạng thái")
  .action(() =>
    reportUsageErrors(async () => {
      process.stdout.write(await withServices((services) => listUsers(services, systemActor("cli"))));
    }),
  );
user
  .command("disable <username>")
  .description(
    "vô hiệu hóa tài khoản: không đăng nhập được nữa, các phiên đang mở kết thúc ngay " +
      "(không áp dụng cho quản trị viên cuối cùng còn hoạt động)",
  )
  .action((username: string) =>
    reportUsageErrors(async () => {
      process.stdout.write(
        await withServices((services) => disableUser(services, systemActor("cli"), username)),
      );
    }),
  );
user
  .command("enable <username>")
  .description("kích hoạt lại tài khoản đã bị vô hiệu hóa")
  .action((username: string) =>
    reportUsageErrors(async () => {
      process.stdout.write(
        await withServices((services) => enableUser(services, systemActor("cli"), username)),
      );
    }),
  );
user
  .command("reset-password <username>")
  .description(
    `đặt lại mật khẩu; mật khẩu mới lấy từ CANBO_NEW_USER_PASSWORD (${PASSWORD_RULE.vi}) ` +
      "hoặc được sinh ngẫu nhiên và in ra một lần; người dùng phải đổi khi đăng nhập lần sau, các phiên đang mở kết thúc",
  )
  .action((username: string) =>
    reportUsageErrors(async () => {
      const given = process.env.CANBO_NEW_USER_PASSWORD;
      // The password rule is checked before the database is opened: a refused password answers at once.
      assertPasswordAllowed(given, username);
      const result = await withServices((services) =>
        resetUserPassword(services, systemActor("cli"), username, given),
      );
      process.stdout.write(result.text);
      if (result.password) printOnce(result.password, result.username);
    }),
  );

program
  .command("backup <file>")
  .description("sao lưu toàn bộ dữ liệu ra một tệp (.jsonl.gz)")
  .action(async (file: string) => {
    const database = await open(configOf());
    try {
      const b = bar("Sao lưu");
      b.start(1, 0, { step: "" });
      const header = await backup(database, path.resolve(file), (table, rows) =>
        b.update(0, { step: `${table}: ${rows}` }),
      );
      b.update(1);
      b.stop();
      const rows = header.tables.reduce((a, t) => a + t.rows, 0);
      console.log(`Đã sao lưu ${header.tables.length} bảng, ${rows} dòng vào ${file}.`);
    } finally {
      await database.close();
    }
  });

program
  .command("restore <file>")
  .description("khôi phục bản sao lưu vào một thư mục dữ liệu mới (CSDL trống)")
  .action(async (file: string) => {
    const database = await open(configOf());
    try {
      const b = bar("Khôi phục");
      b.start(1, 0, { step: "" });
      const header = await restore(database, path.resolve(file), (table, rows) =>
        b.update(0, { step: `${table}: ${rows}` }),
      );
      b.update(1);
      b.stop();
      const rows = header.tables.reduce((a, t) => a + t.rows, 0);
      console.log(`Đã khôi phục ${header.tables.length} bảng, ${rows} dòng.`);
    } finally {
      await database.close();
    }
  });

program
  .command("cv <staffCode>")
  .description(
    "xuất sơ yếu lý lịch (mẫu ban hành kèm Thông tư 06/2023/TT-BNV) của một cán bộ ra tệp .docx hoặc .html",
  )
  .requiredOption("--out <file>", "tệp kết quả; đuôi .html cho bản in, còn lại là Word (.docx)")
  .option("--as-of <date>", "số liệu tính đến ngày (YYYY-MM-DD), mặc định hôm nay")
  .action(async (staffCode: string, opts: { out: string; asOf?: string }) => {
    if (opts.asOf !== undefined && !isIsoDate(opts.asOf)) {
      throw new Error(`Ngày không hợp lệ: ${opts.asOf} (định dạng YYYY-MM-DD).`);
    }
    const database = await open(configOf());
    try {
      const services = createServices(database, systemClock, 12);
      // The system actor sees sensitive fields; the export is recorded in the audit trail.
      const system = systemActor("cli");
      const id = await services.cv.idOfStaffCode(staffCode);
      const format = path.extname(opts.out).toLowerCase() === ".html" ? "html" : "docx";
      const doc = await services.cv.render(system, id, { format, asOf: opts.asOf });
      const out = path.resolve(opts.out);
      fs.writeFileSync(out, doc.body);
      console.log(`Đã xuất sơ yếu lý lịch ${staffCode} ra ${out}.`);
    } finally {
      await database.close();
    }
  });

const importCommand = program.command("import").description("nhập dữ liệu từ bảng tính (.xlsx, .csv)");
importCommand
  .command("template")
  .description("ghi tệp mẫu nhập hồ sơ cán bộ (trang Cán bộ và trang Hướng dẫn với các mã hợp lệ)")
  .requiredOption("--out <file>", "tệp kết quả: .xlsx, hoặc .csv theo đuôi tệp")
  .action(async (opts: { out: string }) => {
    const database = await open(configOf());
    try {
      const services = createServices(database, systemClock, 12);
      const out = path.resolve(opts.out);
      await services.templates.writeTemplate(systemActor("cli"), spreadsheetFormat(out), out);
      console.log(`Đã ghi tệp mẫu ${out}.`);
    } finally {
      await database.close();
    }
  });
importCommand
  .command("cadres <file>")
  .description(
    "nhập hồ sơ cán bộ: kiểm tra mọi dòng; có dòng lỗi thì không nhập gì (xem docs/import-format.md)",
  )
  .option("--dry-run", "chỉ kiểm tra và báo cáo, không thay đổi gì")
  .option("--error-file <out>", "ghi tệp lỗi (các dòng của tệp gốc, thêm cột Lỗi) khi có dòng lỗi")
  .action(async (file: string, opts: { dryRun?: boolean; errorFile?: string }) => {
    const source = path.resolve(file);
    if (!fs.existsSync(source)) throw new Error(`Không có tệp ${source}.`);
    const database = await open(configOf());
    try {
      const services = createServices(database, systemClock, 12);
      const b = new SingleBar({
        format:
          "Nhập hồ sơ cán bộ     [{bar}] {percentage}% | đọc {read} · kiểm tra {validated} · ghi {written} dòng",
        barCompleteChar: "█",
        barIncompleteChar: "░",
        hideCursor: true,
        noTTYOutput: true,
        notTTYSchedule: 2000,
      });
      b.start(fs.statSync(source).size, 0, { read: 0, validated: 0, written: 0 });
      let report: Awaited<ReturnType<typeof services.imports.importCadres>>;
      try {
        report = await services.imports.importCadres(
          systemActor("cli"),
          { path: source, fileName: path.basename(source) },
          {
            dryRun: opts.dryRun === true,
            ...(opts.errorFile ? { errorFilePath: path.resolve(opts.errorFile) } : {}),
            onProgress: (p) =>
              b.update(p.bytesRead, { read: p.read, validated: p.validated, written: p.written }),
          },
        );
        b.update(b.getTotal());
      } finally {
        b.stop();
      }
      const courses = report.trainings
        ? `thêm ${report.trainings.added} khóa đào tạo, bồi dưỡng, ${report.trainings.unchanged} khóa đã có`
        : "";
      const counts =
        report.content === "trainings"
          ? `${report.rows} dòng khóa đào tạo, bồi dưỡng: ${courses}`
          : `${report.rows} dòng: tạo ${report.created}, cập nhật ${report.updated}, không đổi ${report.unchanged}${courses && report.trainings!.rows > 0 ? `; ${courses}` : ""}`;
      if (report.errorCount === 0) {
        console.log(
          report.dryRun
            ? `Chạy thử: không có dòng lỗi. Nếu nhập: ${counts}. Chưa thay đổi gì.`
            : `Đã nhập ${counts} (${report.seconds} giây).`,
        );
        return;
      }
      console.log(`${report.invalidRows} dòng lỗi (${report.errorCount} lỗi) — không nhập dòng nào.`);
      const shown = report.errors.slice(0, 100);
      for (const e of shown) console.log(`  dòng ${e.row}${e.header ? `, ${e.header}` : ""}: ${e.message}`);
      if (report.errorCount > shown.length)
        console.log(`  … và ${report.errorCount - shown.length} lỗi khác.`);
      console.log(
        opts.errorFile
          ? `Tệp lỗi: ${path.resolve(opts.errorFile)} — sửa các dòng có cột Lỗi rồi nhập lại tệp này.`
          : "Dùng --error-file <tệp> để nhận tệp lỗi (các dòng của tệp gốc, thêm cột Lỗi).",
      );
      process.exitCode = 1;
    } finally {
      await database.close();
    }
  });

type ExportOptions = { out: string; unit?: string; asOf?: string; format?: "xlsx" | "csv" };

/** The options `export cadres` and `export trainings` share: the file, its format and the list's filters. */
function withExportOptions(command: Command): Command {
  return command
    .requiredOption("--out <file>", "tệp kết quả: .xlsx, hoặc .csv theo đuôi tệp")
    .addOption(
      new Option(
        "--format <format>",
        "xlsx (mặc định) hoặc csv cho Excel tiếng Việt (; và dấu phẩy thập phân)",
      ).choices(["xlsx", "csv"]),
    )
    .option(
      "--unit <code>",
      "chỉ cán bộ có chức vụ chính thuộc đơn vị này (mã đơn vị) và các đơn vị trực thuộc",
    )
    .option("--as-of <date>", "tính đến ngày (YYYY-MM-DD hoặc dd/mm/yyyy), mặc định hôm nay");
}

/** The export query of the options (the unit code looked up as of the date), for the system actor. */
async function exportQueryOf(
  services: ReturnType<typeof createServices>,
  opts: ExportOptions,
): Promise<CadreExportQuery> {
  const asOf = opts.asOf === undefined ? undefined : parseDate(opts.asOf);
  if (opts.asOf !== undefined && asOf === undefined) throw new Error(`Ngày không hợp lệ: ${opts.asOf}.`);
  let unitId: number | undefined;
  if (opts.unit !== undefined) {
    const unit = await services.units.findByCode(systemActor("cli"), opts.unit, asOf);
    if (!unit) throw new Error(`Không có đơn vị mã ${opts.unit} vào ngày ${asOf ?? "hôm nay"}.`);
    unitId = unit.id;
  }
  return {
    format: opts.format ?? spreadsheetFormat(path.resolve(opts.out)),
    page: 1,
    pageSize: 1,
    ...(asOf ? { asOf } : {}),
    ...(unitId !== undefined ? { unitId } : {}),
  };
}

const exportCommand = program.command("export").description("xuất dữ liệu ra bảng tính");
withExportOptions(
  exportCommand
    .command("cadres")
    .description("xuất hồ sơ cán bộ (các cột của tệp mẫu nhập; nhập lại không thay đổi gì)"),
).action(async (opts: ExportOptions) => {
  const database = await open(configOf());
  try {
    const services = createServices(database, systemClock, 12);
    const out = path.resolve(opts.out);
    // The system actor sees sensitive fields; the export is recorded in the audit trail.
    const prepared = await services.exports.exportCadres(
      systemActor("cli"),
      await exportQueryOf(services, opts),
    );
    const b = bar("Xuất hồ sơ cán bộ");
    b.start(prepared.rows, 0, { step: "" });
    await prepared.write(out, (n) => b.update(n));
    b.stop();
    console.log(`Đã xuất ${prepared.rows} hồ sơ ra ${out}.`);
  } finally {
    await database.close();
  }
});
withExportOptions(
  exportCommand
    .command("trainings")
    .description(
      "xuất các khóa đào tạo, bồi dưỡng của cán bộ thành một bảng (cách tệp CSV mang khóa đào tạo; " +
        "nhập lại bằng `import cadres` không thêm gì)",
    ),
).action(async (opts: ExportOptions) => {
  const database = await open(configOf());
  try {
    const services = createServices(database, systemClock, 12);
    const out = path.resolve(opts.out);
    const prepared = await services.exports.exportTrainings(
      systemActor("cli"),
      await exportQueryOf(services, opts),
    );
    const b = bar("Xuất khóa đào tạo");
    b.start(prepared.rows, 0, { step: "" });
    const courses = await prepared.write(out, (n) => b.update(n));
    b.stop();
    console.log(`Đã xuất ${courses} khóa đào tạo, bồi dưỡng của ${prepared.rows} hồ sơ ra ${out}.`);
  } finally {
    await database.close();
  }
});

importCommand
  .command("units <file>")
  .description(
    "nhập cây tổ chức (.xlsx/.csv: trang Đơn vị và trang Kế thừa như tệp xuất): kiểm tra mọi dòng; " +
      "có dòng lỗi thì không nhập gì (xem docs/getting-started.md)",
  )
  .option("--dry-run", "chỉ kiểm tra và báo cáo, không thay đổi gì")
  .option("--as-of <date>", "ngày mà tệp mô tả (tên, trực thuộc), mặc định hôm nay")
  .action((file: string, opts: { dryRun?: boolean; asOf?: string }) =>
    reportUsageErrors(async () => {
      const result = await withServices((services) => importUnits(services, systemActor("cli"), file, opts));
      process.stdout.write(result.text);
      process.exitCode = result.exitCode;
    }),
  );
exportCommand
  .command("units")
  .description("xuất cây tổ chức tại một ngày (đơn vị và quan hệ kế thừa; nhập lại không thay đổi gì)")
  .requiredOption("--out <file>", "tệp kết quả: .xlsx, hoặc .csv theo đuôi tệp")
  .option("--as-of <date>", "tại ngày (YYYY-MM-DD), mặc định hôm nay")
  .action((opts: { out: string; asOf?: string }) =>
    reportUsageErrors(async () => {
      process.stdout.write(
        await withServices((services) => exportUnits(services, systemActor("cli"), opts.out, opts)),
      );
    }),
  );

program
  .command("indicators")
  .description("tính các chỉ tiêu của danh mục tại một ngày cho một đơn vị và các đơn vị trực thuộc")
  .option("--as-of <date>", "ngày tính (YYYY-MM-DD)")
  .option("--unit <code>", "mã đơn vị (mặc định: đơn vị cao nhất)")
  .addOption(
    new Option("--format <format>", "định dạng kết quả")
      .choices([...INDICATOR_OUTPUT_FORMATS])
      .default("table"),
  )
  .action((opts: { asOf?: string; unit?: string; format: IndicatorOutputFormat }) =>
    reportUsageErrors(async () => {
      // The date is checked before the database is opened: a typo answers at once.
      const asOf = parseAsOf(opts.asOf);
      const text = await withServices((services) =>
        runIndicators(services, systemActor("cli"), { asOf, unit: opts.unit, format: opts.format }),
      );
      process.stdout.write(text);
    }),
  );

const settingsCommand = program
  .command("settings")
  .description(
    "tham số quy định (tuổi nghỉ hưu, ngoại lệ, thời hạn thông báo) theo phiên bản có ngày hiệu lực",
  );
settingsCommand
  .command("list", { isDefault: true })
  .description("liệt kê các tham số, mọi phiên bản và căn cứ pháp lý")
  .action(async () => {
    process.stdout.write(await withServices((services) => listSettings(services, systemActor("cli"))));
  });
settingsCommand
  .command("add <key>")
  .description("thêm một phiên bản của tham số từ một ngày (khi văn bản pháp luật thay đổi)")
  .requiredOption("--from <date>", "ngày bắt đầu hiệu lực (YYYY-MM-DD)")
  .requiredOption("--value <json>", "giá trị mới, JSON cùng cấu trúc với phiên bản hiện hành")
  .requiredOption("--citation <text>", "căn cứ pháp lý")
  .option("--reason <text>", "lý do ghi vào nhật ký")
  .action((key: string, opts: { from: string; value: string; citation: string; reason?: string }) =>
    reportUsageErrors(async () => {
      const text = await withServices((services) =>
        addSettingVersion(services, systemActor("cli"), { key, ...opts }),
      );
      process.stdout.write(text);
    }),
  );

program
  .command("audit")
  .description("nhật ký kiểm toán")
  .command("verify")
  .description("kiểm tra chuỗi băm của nhật ký kiểm toán: phát hiện dòng bị sửa hoặc bị xóa (mã thoát 1)")
  .action(async () => {
    const database = await open(configOf());
    try {
      const services = createServices(database, systemClock, 12);
      const b = bar("Kiểm tra nhật ký");
      let started = false;
      const report = await services.audit.verifyChain(systemActor("cli"), {
        onProgress: ({ rows, lastId, head }) => {
          if (!started) {
            b.start(head.lastId, 0, { step: "" });
            started = true;
          }
          b.update(lastId, { step: `${rows} dòng` });
        },
      });
      if (started) b.stop();
      const verdict = chainVerdict(report);
      (verdict.exitCode === 0 ? console.log : console.error)(verdict.text);
      process.exitCode = verdict.exitCode;
    } finally {
      await database.close();
    }
  });

/** xlsx, or csv when the file name says so. */
function spreadsheetFormat(file: string): "xlsx" | "csv" {
  return path.extname(file).toLowerCase() === ".csv" ? "csv" : "xlsx";
}

function printOnce(password: string, username = "admin") {
  const line = "═".repeat(60);
  console.log(
    `\n${line}\n  Tài khoản: ${username}\n  Mật khẩu:  ${password}\n  (chỉ hiển thị một lần — hãy ghi lại và đổi sau khi đăng nhập)\n${line}\n`,
  );
}

/** `npm start` on a fresh clone: build the web app once if it has not been built. */
async function ensureWebBuilt() {
  if (fs.existsSync(path.join(ROOT, "web/dist/index.html"))) return;
  if (!fs.existsSync(path.join(ROOT, "web/vite.config.ts"))) return;
  console.log("Đang build giao diện web (lần đầu, khoảng 30 giây)…");
  const { build } = await import("vite");
  await build({ configFile: path.join(ROOT, "web/vite.config.ts"), logLevel: "warn" });
}

program.parseAsync(process.argv).catch((error: unknown) => {
  const message =
    error instanceof AppError
      ? `${messageOf(error.definition, "vi")} (${error.code})${error.details ? ` ${JSON.stringify(error.details)}` : ""}`
      : error instanceof Error
        ? error.message
        : String(error);
  console.error(`Lỗi: ${message}`);
  process.exit(1);
});
