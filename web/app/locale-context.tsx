import { App as AntApp, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import viVN from "antd/locale/vi_VN";
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { applyLanguage, type Language, storedLanguage } from "./i18n/i18n.ts";

type LocaleState = { language: Language; setLanguage: (language: Language) => void };

const LocaleContext = createContext<LocaleState | undefined>(undefined);

/** Language of the UI (i18next, antd, dayjs, server messages), remembered in localStorage. */
export function LocaleProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(storedLanguage);
  const setLanguage = useCallback((next: Language) => {
    applyLanguage(next);
    setLanguageState(next);
  }, []);
  const value = useMemo(() => ({ language, setLanguage }), [language, setLanguage]);
  return (
    <LocaleContext.Provider value={value}>
      <ConfigProvider
        locale={language === "vi" ? viVN : enUS}
        theme={{
          token: { colorPrimary: "#0b5cad", borderRadius: 6 },
          components: { Menu: { itemHeight: 36, itemMarginBlock: 2 } },
        }}
      >
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </LocaleContext.Provider>
  );
}

export function useLocale(): LocaleState {
  const state = useContext(LocaleContext);
  if (!state) throw new Error("useLocale must be used inside LocaleProvider");
  return state;
}
