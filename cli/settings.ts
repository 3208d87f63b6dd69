import { formatDmy } from "../common/rules/dates.ts";
import type { Services } from "../server/app.ts";
import type { Actor } from "../server/lib/actor.ts";
import { AppError, messageOf } from "../server/lib/errors.ts";
import { CliUsageError, parseAsOf } from "./indicators.ts";

/**
 * `canbo settings`: the rule parameters with their dated versions and citations, and a new version from a
 * date (a change of law) — the same service, checks and audit as the API.
 */
export async function listSettings(services: Services, actor: Actor): Promise<string> {
  const { items } = await services.settings.list(actor);
  const lines: string[] = [];
  for (const setting of items) {
    lines.push(setting.key);
    for (const v of setting.versions) {
      lines.push(`  từ ${formatDmy(v.validFrom)}  ${JSON.stringify(v.value)}`);
      lines.push(`    căn cứ: ${v.citation}${v.createdBy === "system" ? "" : ` (thêm bởi ${v.createdBy})`}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

export async function addSettingVersion(
  services: Services,
  actor: Actor,
  input: { key: string; from: string; value: string; citation: string; reason?: string },
): Promise<string> {
  const from = parseAsOf(input.from);
  if (input.citation.trim().length < 3)
    throw new CliUsageError("Thiếu --citation: căn cứ pháp lý của giá trị mới.");
  let value: unknown;
  try {
    value = JSON.parse(input.value);
  } catch {
    throw new CliUsageError(`--value phải là JSON, ví dụ '{"informMonths":6,"decideMonths":3}'.`);
  }
  try {
    const setting = await services.settings.addVersion(actor, input.key, {
      validFrom: from,
      value,
      citation: input.citation.trim(),
      reason: input.reason,
    });
    return `Đã thêm phiên bản của ${setting.key} từ ${formatDmy(from)}.\n`;
  } catch (error) {
    if (error instanceof AppError && error.status < 500) {
      const details = error.details ? ` ${JSON.stringify(error.details)}` : "";
      throw new CliUsageError(`${messageOf(error.definition, "vi")}${details}`);
    }
    throw error;
  }
}
