// Every module's tables, for Drizzle and drizzle-kit. Add a module's schema.ts here.
export * from "../modules/audit/schema.ts";
export * from "../modules/auth/schema.ts";
export * from "../modules/cadres/retirement.schema.ts";
export * from "../modules/cadres/schema.ts";
export * from "../modules/codes/schema.ts";
export * from "../modules/evaluations/schema.ts";
export * from "../modules/indicators/schema.ts";
export * from "../modules/places/schema.ts";
export * from "../modules/posts/schema.ts";
export * from "../modules/settings/schema.ts";
export * from "../modules/units/schema.ts";
