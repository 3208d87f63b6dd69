import dayjs from "dayjs";
import "dayjs/locale/vi";
import i18n from "i18next";
import { initReactI18next } from "react-i18next";
import { setApiLanguage } from "../api-client.ts";
import { en } from "./en.ts";
import { type Messages, vi } from "./vi.ts";

export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = "canbo.language";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
  }
}

/** The language the user chose last time on this browser; Vietnamese otherwise. */
export function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === "en" ? "en" : "vi";
  } catch {
    return "vi";
  }
}

/** Switches the UI, date formatting and server messages, and remembers the choice. */
export function applyLanguage(language: Language) {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Private mode: the choice lasts for this page only.
  }
  setApiLanguage(language);
  dayjs.locale(language === "vi" ? "vi" : "en");
  document.documentElement.lang = language;
  void i18n.changeLanguage(language);
}

const initial = storedLanguage();
setApiLanguage(initial);
dayjs.locale(initial === "vi" ? "vi" : "en");
document.documentElement.lang = initial;

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initial,
  fallbackLng: "vi",
  interpolation: { escapeValue: false },
  returnNull: false,
});

export { i18n };
