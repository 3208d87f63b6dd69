export { ruleSettings } from "./schema.ts";
export { SettingErrors } from "./settings.errors.ts";
export { type SettingVersion, versionOn, versionsOf } from "./settings.repo.ts";
export { settingsRoutes } from "./settings.routes.ts";
export { createSettingsService, type SettingsService } from "./settings.service.ts";
