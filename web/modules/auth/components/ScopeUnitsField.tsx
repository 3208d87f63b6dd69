import { CloseOutlined } from "@ant-design/icons";
import { Button, Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { UnitPicker } from "../../units/components/UnitPicker.tsx";
import type { UnitIndex } from "../../units/utils/unit-tree.ts";

type Props = {
  index: UnitIndex;
  value?: number[];
  onChange?: (value: number[]) => void;
  /** Names of units the tree does not hold (ended ones), from the account itself. */
  knownNames?: ReadonlyMap<number, string>;
  id?: string;
  disabled?: boolean;
};

/**
 * The roots of an account's scope: the chosen units as buttons that remove them (reachable with Tab),
 * and the unit picker of the units module to add one more.
 */
export function ScopeUnitsField({ index, value = [], onChange, knownNames, id, disabled }: Props) {
  const { t } = useTranslation();
  const nameOf = (unitId: number) => index.byId.get(unitId)?.name ?? knownNames?.get(unitId) ?? `#${unitId}`;
  return (
    <Flex vertical gap={8}>
      {value.length > 0 && (
        <Flex wrap gap={6} data-testid="scope-units">
          {value.map((unitId) => (
            <Button
              key={unitId}
              size="small"
              disabled={disabled}
              icon={<CloseOutlined />}
              iconPlacement="end"
              aria-label={t("accounts.removeScopeUnit", { name: nameOf(unitId) })}
              onClick={() => onChange?.(value.filter((v) => v !== unitId))}
            >
              {nameOf(unitId)}
            </Button>
          ))}
        </Flex>
      )}
      {value.length === 0 && <Typography.Text type="secondary">{t("accounts.scopeNone")}</Typography.Text>}
      <UnitPicker
        id={id}
        index={index}
        value={undefined}
        disabledIds={new Set(value)}
        placeholder={t("accounts.addScopeUnit")}
        onChange={(unitId) => {
          if (unitId !== undefined && !value.includes(unitId)) onChange?.([...value, unitId]);
        }}
        data-testid="scope-unit-picker"
      />
    </Flex>
  );
}
