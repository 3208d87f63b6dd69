import { z } from "zod";
import { PERMISSIONS, ROLES } from "../enums/auth.ts";
import { NewPasswordSchema, PASSWORD_MIN } from "./auth.ts";
import { IdSchema, TextSchema } from "./common.ts";

/**
 * The password rule in words, the one text the README, the command line's help and the screens repeat
 * (server/modules/auth/auth.policy.ts passwordProblem is the rule itself, PASSWORD_MIN its length).
 */
export const PASSWORD_RULE = {
  vi: `ít nhất ${PASSWORD_MIN} ký tự, có cả chữ và số, không chứa tên đăng nhập, khác mật khẩu cũ và không phải mật khẩu phổ biến`,
  en: `at least ${PASSWORD_MIN} characters with letters and digits, not containing the user name, different from the old password, and not a common password`,
} as const;

/** Permissions only the admin role holds: never granted to another user beyond their roles. */
export const ADMIN_ONLY_PERMISSIONS = ["users.manage", "system.backup"] as const;

/** A change of an account by an administrator: only the fields sent change. */
export const UpdateUserSchema = z
  .object({
    displayName: TextSchema.trim().min(1, "Nhập họ tên").max(200).optional(),
    roles: z.array(z.enum(ROLES)).min(1, "Chọn ít nhất một vai trò").max(ROLES.length).optional(),
    scopeUnitIds: z
      .array(IdSchema)
      .max(200, "Tối đa 200 đơn vị")
      .optional()
      .describe("Roots of the unit subtrees the user may reach (replaces the current ones)"),
    extraPermissions: z
      .array(z.enum(PERMISSIONS))
      .max(PERMISSIONS.length)
      .optional()
      .describe("Permissions beyond the roles, e.g. cadres.sensitive (replaces the current ones)"),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), "Không có thay đổi nào");
export type UpdateUserInput = z.input<typeof UpdateUserSchema>;

/** A password reset: the administrator's password, or none for a generated one. */
export const ResetPasswordSchema = z
  .object({
    password: NewPasswordSchema.optional().describe(
      "The new password; leave it out to have the server generate one",
    ),
  })
  .strict();
export type ResetPasswordInput = z.infer<typeof ResetPasswordSchema>;

/** An account as administrators see it (never a password or its hash). */
export const AccountSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  extraPermissions: z.array(z.string()),
  cadreId: z.number().nullable(),
  isActive: z.boolean(),
  mustChangePassword: z.boolean(),
  scopeUnitIds: z.array(z.number()),
  scopeUnits: z
    .array(z.object({ id: z.number(), name: z.string(), code: z.string().nullable() }))
    .describe("The scope's units with their names today and their official codes"),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  activeSessions: z.number().describe("Sessions open now"),
});
export type Account = z.infer<typeof AccountSchema>;

export const ResetPasswordResultSchema = z.object({
  account: AccountSchema,
  password: z
    .string()
    .optional()
    .describe("The generated one-time password, shown this once; absent when the administrator chose it"),
});
export type ResetPasswordResult = z.infer<typeof ResetPasswordResultSchema>;

export const EndSessionsResultSchema = z.object({
  account: AccountSchema,
  ended: z.number().describe("How many sessions were ended"),
});
export type EndSessionsResult = z.infer<typeof EndSessionsResultSchema>;

export const UserIdParamsSchema = z.object({ id: IdSchema }).strict();
