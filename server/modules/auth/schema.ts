import { sql } from "drizzle-orm";
import { boolean, index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { units } from "../units/schema.ts";

export const users = pgTable("users", {
  id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
  /** Lower-case login name. */
  username: text("username").notNull().unique(),
  displayName: text("display_name").notNull(),
  passwordHash: text("password_hash").notNull(),
  roles: text("roles").array().notNull(),
  /** Permissions granted to this user beyond their roles (e.g. cadres.sensitive). */
  extraPermissions: text("extra_permissions").array().notNull().default(sql`'{}'::text[]`),
  /** The user's own cadre record (a cadre sees and self-evaluates it). */
  cadreId: integer("cadre_id"),
  isActive: boolean("is_active").notNull().default(true),
  mustChangePassword: boolean("must_change_password").notNull().default(false),
  passwordChangedAt: timestamp("password_changed_at", { withTimezone: true }).notNull().defaultNow(),
  lastLoginAt: timestamp("last_login_at", { withTimezone: true }),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** A user's scope: the subtrees of these units (as of the date asked). No row and not admin = nothing. */
export const userScopes = pgTable(
  "user_scopes",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    unitId: integer("unit_id")
      .notNull()
      .references(() => units.id),
  },
  (t) => [primaryKey({ columns: [t.userId, t.unitId] })],
);

/** Server-side sessions; the cookie carries a random token, the table keeps only its SHA-256. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    csrfToken: text("csrf_token").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    ip: text("ip"),
    userAgent: text("user_agent"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Login attempts that reached the password check: the record of where each user has signed in from
 * (an address with a recent success is "known" to the back-off of auth.throttle.ts).
 */
export const loginAttempts = pgTable(
  "login_attempts",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    username: text("username").notNull(),
    ip: text("ip"),
    succeeded: boolean("succeeded").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("login_attempts_user_idx").on(t.username, t.at),
    index("login_attempts_ip_idx").on(t.ip, t.at),
  ],
);

/**
 * Back-off counters of failed password checks, one row per key (a user name, an address, or both). A
 * check is reserved here, in one statement, before the password is verified (auth.throttle.ts).
 */
export const loginThrottle = pgTable("login_throttle", {
  key: text("key").primaryKey(),
  /** Password checks counted against this key since it was last forgotten or reset. */
  failures: integer("failures").notNull(),
  /** When the last check was reserved: the wait runs from here. */
  lastAt: timestamp("last_at", { withTimezone: true }).notNull(),
});
