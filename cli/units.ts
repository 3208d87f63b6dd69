import fs from "node:fs";
import path from "node:path";
import type { Services } from "../server/app.ts";
import type { Actor } from "../server/lib/actor.ts";
import { AppError, messageOf } from "../server/lib/errors.ts";
import { readFileBounded } from "../server/modules/units/units.transfer-sheets.ts";
import { CliUsageError, parseAsOf } from "./indicators.ts";

/**
 * `canbo import units` and `canbo export units`: the organisation tree as a spreadsheet, through the same
 * service, checks and audit as the API.
 */

/** Imports a tree file; the text to print and the exit code (1 when rows are wrong, nothing written). */
export async function importUnits(
  services: Pick<Services, "unitTransfer">,
  actor: Actor,
  file: string,
  options: { dryRun?: boolean | undefined; asOf?: string | undefined },
): Promise<{ text: string; exitCode: number }> {
  const asOf = options.asOf === undefined ? undefined : parseAsOf(options.asOf);
  const source = path.resolve(file);
  if (!fs.existsSync(source)) throw new CliUsageError(`Không có tệp ${source}.`);
  let report: Awaited<ReturnType<Services["unitTransfer"]["importTree"]>>;
  try {
    report = await services.unitTransfer.importTree(actor, await readFileBounded(source), {
      dryRun: options.dryRun === true,
      asOf,
    });
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      const reason = (error.details as { reason?: string } | undefined)?.reason;
      throw new CliUsageError(`${messageOf(error.definition, "vi")}${reason ? ` (${reason})` : ""}`);
    }
    throw error;
  }
  const counts =
    `${report.rows} dòng đơn vị: tạo ${report.created}, kết thúc ${report.ended}, không đổi ${report.unchanged}; ` +
    `${report.links} dòng kế thừa: thêm ${report.linksCreated}`;
  if (report.errors.length === 0) {
    return {
      text: report.dryRun
        ? `Chạy thử: không có dòng lỗi. Nếu nhập: ${counts}. Chưa thay đổi gì.\n`
        : `Đã nhập cây tổ chức: ${counts}.\n`,
      exitCode: 0,
    };
  }
  const lines = [`${report.errors.length} lỗi — không nhập dòng nào.`];
  for (const e of report.errors.slice(0, 100)) {
    lines.push(`  ${e.sheet}, dòng ${e.row}${e.column ? `, ${e.column}` : ""}: ${e.message}`);
  }
  if (report.errors.length > 100) lines.push(`  … và ${report.errors.length - 100} lỗi khác.`);
  return { text: `${lines.join("\n")}\n`, exitCode: 1 };
}

/** Writes the tree as of a date to a file (.csv by its name, otherwise .xlsx). */
export async function exportUnits(
  services: Pick<Services, "unitTransfer">,
  actor: Actor,
  out: string,
  options: { asOf?: string | undefined },
): Promise<string> {
  const asOf = options.asOf === undefined ? undefined : parseAsOf(options.asOf);
  const target = path.resolve(out);
  const format = path.extname(target).toLowerCase() === ".csv" ? "csv" : "xlsx";
  const prepared = await services.unitTransfer.exportTree(actor, { asOf, format });
  await prepared.write(target);
  return `Đã xuất ${prepared.rows} đơn vị (tại ngày ${prepared.asOf}) ra ${target}.\n`;
}
