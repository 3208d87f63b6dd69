export { ruleSettings } from "./schema.ts";
export { type SettingVersion, versionOn, versionsOf } from "./settings.repo.ts";
