import type { Account } from "../common/contracts/users.ts";
import type { Services } from "../server/app.ts";
import type { Actor } from "../server/lib/actor.ts";
import { AppError, messageOf } from "../server/lib/errors.ts";
import { AuthErrors } from "../server/modules/auth/auth.errors.ts";
import { passwordProblem } from "../server/modules/auth/index.ts";
import { CliUsageError } from "./indicators.ts";

/**
 * `canbo user list | disable | enable | reset-password`: account management from the command line through
 * the same service methods as the API (`/api/users…`), so the same checks (one active administrator always
 * kept), the same audit rows (actor: the CLI's system actor) and the same effects (sessions end).
 * A refusal is a usage error (exit code 2) and changes nothing.
 */

type AccountServices = Pick<Services, "auth">;

/** How user names are stored: lower case, without surrounding spaces. */
const normalised = (username: string) => username.trim().toLowerCase();

/** Every account: user name, name, roles, scope unit codes, active or disabled. */
export async function listUsers(services: AccountServices, actor: Actor): Promise<string> {
  const accounts = await asUsage(() => services.auth.listAccounts(actor));
  if (!accounts.length) return "Chưa có tài khoản nào.\n";
  const lines = accounts.map((a) =>
    [
      a.username,
      a.displayName,
      a.roles.join(","),
      a.roles.includes("admin")
        ? "toàn bộ"
        : a.scopeUnits.map((u) => u.code ?? `id:${u.id}`).join(",") || "—",
      a.isActive ? "hoạt động" : "vô hiệu hóa",
    ].join("\t"),
  );
  const header = ["Tên đăng nhập", "Họ tên", "Vai trò", "Phạm vi (mã đơn vị)", "Trạng thái"].join("\t");
  return `${[header, ...lines].join("\n")}\n`;
}

/** Disables an account: it can no longer log in and its open sessions end at once. */
export async function disableUser(
  services: AccountServices,
  actor: Actor,
  username: string,
): Promise<string> {
  const account = await accountNamed(services, actor, username);
  const before = account.activeSessions;
  await asUsage(() => services.auth.disableUser(actor, account.id));
  return `Đã vô hiệu hóa tài khoản ${account.username}${before ? `; đã kết thúc ${before} phiên đăng nhập` : ""}.\n`;
}

export async function enableUser(services: AccountServices, actor: Actor, username: string): Promise<string> {
  const account = await accountNamed(services, actor, username);
  await asUsage(() => services.auth.enableUser(actor, account.id));
  return `Đã kích hoạt lại tài khoản ${account.username}.\n`;
}

/**
 * The password rule applied to a password given for an account, before anything else (the database is not
 * even opened): a refused password changes nothing.
 */
export function assertPasswordAllowed(password: string | undefined, username: string): void {
  if (password === undefined) return;
  const problem = passwordProblem(password, normalised(username));
  if (problem) throw new CliUsageError(messageOf(AuthErrors[problem], "vi"));
}

/**
 * Sets a new password the user must change at the next login: `given` (checked against the rule), or a
 * generated one returned to be printed once. The account's sessions end, as with the API's reset.
 */
export async function resetUserPassword(
  services: AccountServices,
  actor: Actor,
  username: string,
  given: string | undefined,
): Promise<{ text: string; password?: string; username: string }> {
  assertPasswordAllowed(given, username);
  const account = await accountNamed(services, actor, username);
  const result = await asUsage(() =>
    services.auth.resetPassword(actor, account.id, given === undefined ? {} : { password: given }),
  );
  const text =
    `Đã đặt lại mật khẩu của tài khoản ${account.username}` +
    `${given === undefined ? " (mật khẩu mới bên dưới)" : " (mật khẩu CANBO_NEW_USER_PASSWORD)"}; ` +
    "người dùng phải đổi mật khẩu khi đăng nhập lần sau, các phiên đăng nhập đang mở đã kết thúc.\n";
  return { text, username: account.username, ...(result.password ? { password: result.password } : {}) };
}

async function accountNamed(services: AccountServices, actor: Actor, username: string): Promise<Account> {
  const wanted = normalised(username);
  const accounts = await asUsage(() => services.auth.listAccounts(actor));
  const account = accounts.find((a) => a.username === wanted);
  if (!account)
    throw new CliUsageError(
      `${messageOf(AuthErrors.AUTH_USER_NOT_FOUND, "vi")} Không có tài khoản với tên đăng nhập “${username}” ` +
        "(xem danh sách: canbo user list).",
    );
  return account;
}

/** A refusal by the service (last administrator, already disabled…) becomes a usage error, exit code 2. */
async function asUsage<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof AppError && error.status < 500)
      throw new CliUsageError(`${messageOf(error.definition, "vi")} (${error.code})`);
    throw error;
  }
}
