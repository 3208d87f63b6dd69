import { Select, Tag } from "antd";
import { useDeferredValue, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Place } from "../../../../common/contracts/places.ts";
import type { PlaceTier } from "../../../../common/rules/places.ts";
import { usePlaceSearch } from "../hooks/use-place-search.ts";

type Props = {
  value?: number | null;
  onChange?: (id: number | null) => void;
  /** The place already chosen, to show its words before any search. */
  current?: Place | null;
  asOf?: string;
  level?: PlaceTier;
  autoFocus?: boolean;
  "data-testid"?: string;
};

/**
 * A searchable select of the official places (GET /api/places): type a name without diacritics or a code,
 * move with the arrow keys, Enter to choose, Backspace/clear to remove. Each option reads in words with its
 * list (2025-03 until 30/6/2025, 2025-07 from 1/7/2025).
 */
export function PlaceSelect({ value, onChange, current, asOf, level, autoFocus, ...rest }: Props) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState("");
  const query = useDeferredValue(typed);
  const search = usePlaceSearch(query, { asOf, level });
  const found = search.data?.items ?? [];
  const shown = current && !found.some((p) => p.id === current.id) ? [current, ...found] : found;
  return (
    <Select<number | null>
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear
      autoFocus={autoFocus}
      value={value ?? null}
      onChange={(id) => onChange?.(id ?? null)}
      placeholder={t("places.searchPlaceholder")}
      loading={search.isFetching}
      notFoundContent={query.trim().length < 2 ? t("places.typeMore") : t("places.noneFound")}
      options={shown.map((p) => ({
        value: p.id,
        label: (
          <span>
            {p.fullName}{" "}
            <Tag style={{ marginInlineStart: 4 }}>{t("places.edition", { edition: p.edition })}</Tag>
          </span>
        ),
      }))}
      data-testid={rest["data-testid"]}
      style={{ width: "100%" }}
    />
  );
}
