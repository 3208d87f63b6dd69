import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { CATEGORY_CODE_LIST, QUALIFICATION_CATEGORIES } from "../../../../common/enums/cadres.ts";
import { useLocale } from "../../../app/locale-context.tsx";
import { useCodes, useTitles } from "../../cadres/hooks/use-cadre-queries.ts";
import { codeName } from "../../cadres/utils/code-names.ts";
import type { CatalogueWords } from "../utils/catalogue-words.ts";

/** The messages and the code and title names that definitions are put into words with. */
export function useCatalogueWords(): CatalogueWords {
  const { t } = useTranslation();
  const { language } = useLocale();
  const codes = useCodes();
  const titles = useTitles();
  return useMemo<CatalogueWords>(
    () => ({
      t,
      language,
      levelName: (category, code) => {
        const known = QUALIFICATION_CATEGORIES.find((c) => c === category);
        return known ? (codeName(codes.data, CATEGORY_CODE_LIST[known], code, language) ?? code) : code;
      },
      titleName: (code) => {
        const title = titles.data?.find((x) => x.code === code);
        if (!title) return code;
        return language === "en" && title.nameEn ? title.nameEn : title.name;
      },
    }),
    [t, language, codes.data, titles.data],
  );
}
