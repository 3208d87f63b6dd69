import { z } from "zod";
import { PERMISSIONS, ROLES } from "../enums/auth.ts";
import { IdSchema, TextSchema } from "./common.ts";

export const PASSWORD_MIN = 10;

export const LoginSchema = z
  .object({
    username: TextSchema.trim().min(1, "Nhập tên đăng nhập").max(100),
    password: TextSchema.min(1, "Nhập mật khẩu").max(200),
  })
  .strict();
export type LoginInput = z.infer<typeof LoginSchema>;

export const MeSchema = z.object({
  id: z.number().nullable(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  permissions: z.array(z.enum(PERMISSIONS)),
  scope: z.union([z.literal("all"), z.array(z.object({ id: z.number(), name: z.string() }))]),
  mustChangePassword: z.boolean(),
  cadreId: z.number().nullable().describe("The user's own cadre record, if the account belongs to a cadre"),
  csrfToken: z.string().describe("Send it back in the X-CSRF-Token header of every change"),
});
export type Me = z.infer<typeof MeSchema>;

export const NewPasswordSchema = TextSchema.min(
  PASSWORD_MIN,
  `Mật khẩu cần ít nhất ${PASSWORD_MIN} ký tự`,
).max(200, "Mật khẩu tối đa 200 ký tự");

export const ChangePasswordSchema = z
  .object({ currentPassword: TextSchema.min(1).max(200), newPassword: NewPasswordSchema })
  .strict();
export type ChangePasswordInput = z.infer<typeof ChangePasswordSchema>;

export const CreateUserSchema = z
  .object({
    username: z
      .string()
      .trim()
      .toLowerCase()
      .regex(/^[a-z0-9._-]{3,50}$/, "Tên đăng nhập 3–50 ký tự: chữ thường không dấu, số, . _ -"),
    displayName: TextSchema.trim().min(1, "Nhập họ tên").max(200),
    password: NewPasswordSchema,
    roles: z.array(z.enum(ROLES)).min(1, "Chọn ít nhất một vai trò"),
    scopeUnitIds: z.array(IdSchema).default([]).describe("Roots of the unit subtrees the user may reach"),
    mustChangePassword: z.boolean().default(true),
    extraPermissions: z
      .array(z.enum(PERMISSIONS))
      .default([])
      .describe("Permissions beyond the roles, e.g. cadres.sensitive"),
    cadreId: IdSchema.nullable().default(null).describe("The user's own cadre record"),
  })
  .strict();
export type CreateUserInput = z.input<typeof CreateUserSchema>;

export const UserSchema = z.object({
  id: z.number(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
  extraPermissions: z.array(z.string()),
  cadreId: z.number().nullable(),
  isActive: z.boolean(),
  scopeUnitIds: z.array(z.number()),
  lastLoginAt: z.string().nullable(),
});
export type UserDto = z.infer<typeof UserSchema>;
