import { Input } from "antd";
import { useState } from "react";
import { useLocale } from "../../../app/locale-context.tsx";
import { formatTypedNumber, parseTypedNumber } from "../utils/typed-number.ts";

type Props = {
  value?: number | null;
  /** null when empty, NaN when the text is not a number (the form's validator says so). */
  onChange?: (value: number | null) => void;
  disabled?: boolean;
  "data-testid"?: string;
};

/**
 * A number field that keeps what was typed: "2,5" is 2.5 in either language, and text that is not a
 * number stays on screen as NaN for the validator to refuse, instead of turning into 0 or 25.
 */
export function TypedNumberInput({ value, onChange, disabled, "data-testid": testId }: Props) {
  const { language } = useLocale();
  const [text, setText] = useState(() => formatTypedNumber(value, language));
  // A value set from outside (a copied version, "no target") replaces the text; the typed one does not.
  const typed = parseTypedNumber(text);
  const isSame = (value ?? null) === typed || (Number.isNaN(typed) && Number.isNaN(value ?? 0));
  const shown = isSame ? text : formatTypedNumber(value, language);
  return (
    <Input
      value={shown}
      inputMode="decimal"
      disabled={disabled}
      data-testid={testId}
      onChange={(e) => {
        setText(e.target.value);
        onChange?.(parseTypedNumber(e.target.value));
      }}
    />
  );
}
