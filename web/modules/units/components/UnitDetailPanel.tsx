import {
  EditOutlined,
  EnvironmentOutlined,
  NodeIndexOutlined,
  NumberOutlined,
  PlusOutlined,
  StopOutlined,
} from "@ant-design/icons";
import { Alert, Breadcrumb, Button, Descriptions, Skeleton, Space, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { UnitDetail } from "../../../../common/contracts/units.ts";
import { TERRITORIAL_KINDS } from "../../../../common/enums/units.ts";
import { formatDmy } from "../../../../common/rules/dates.ts";
import { lastDayOf } from "../../../../common/rules/periods.ts";
import { useUnitDetail } from "../hooks/use-unit-queries.ts";
import { isActiveOn } from "../utils/unit-dates.ts";
import { UnitHistoryTable } from "./UnitHistoryTable.tsx";
import { UnitLinksTable } from "./UnitLinksTable.tsx";

export type UnitAction = "create" | "rename" | "move" | "end" | "place" | "code";

type Props = {
  unitId: number;
  asOf: string;
  canWrite: boolean;
  onOpen: (id: number) => void;
  onAction: (action: UnitAction, unit: UnitDetail) => void;
};

/** Everything about the selected unit, and the changes a units.write user may make to it. */
export function UnitDetailPanel({ unitId, asOf, canWrite, onOpen, onAction }: Props) {
  const { t } = useTranslation();
  const { data: unit, error, isLoading, refetch } = useUnitDetail(unitId, asOf);

  if (isLoading) return <Skeleton active paragraph={{ rows: 8 }} />;
  if (error)
    return (
      <Alert
        type="error"
        showIcon
        title={error.message}
        action={
          <Button size="small" onClick={() => refetch()}>
            {t("app.retry")}
          </Button>
        }
      />
    );
  if (!unit) return null;
  const isActive = isActiveOn(unit, asOf);
  const isTerritorial = TERRITORIAL_KINDS.includes(unit.kind);

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <Breadcrumb
        data-testid="unit-path"
        items={[
          ...unit.path
            .filter((p) => p.id !== unit.id)
            .map((p) => ({
              key: p.id,
              title: <Typography.Link onClick={() => onOpen(p.id)}>{p.name}</Typography.Link>,
            })),
          { key: unit.id, title: unit.name },
        ]}
      />
      <Typography.Title level={4} style={{ margin: 0 }} data-testid="unit-detail-name">
        {unit.name}
      </Typography.Title>
      {canWrite && (
        <Space wrap>
          <Button
            icon={<PlusOutlined />}
            disabled={!isActive}
            onClick={() => onAction("create", unit)}
            data-testid="unit-create"
          >
            {t("units.create")}
          </Button>
          <Button
            icon={<EditOutlined />}
            disabled={!isActive}
            onClick={() => onAction("rename", unit)}
            data-testid="unit-rename"
          >
            {t("units.rename")}
          </Button>
          <Button
            icon={<NodeIndexOutlined />}
            disabled={!isActive}
            onClick={() => onAction("move", unit)}
            data-testid="unit-move"
          >
            {t("units.move")}
          </Button>
          <Button icon={<NumberOutlined />} onClick={() => onAction("code", unit)} data-testid="unit-code">
            {t("units.setCode")}
          </Button>
          {isTerritorial && (
            <Button
              icon={<EnvironmentOutlined />}
              onClick={() => onAction("place", unit)}
              data-testid="unit-place"
            >
              {t("units.setPlace")}
            </Button>
          )}
          <Button
            danger
            icon={<StopOutlined />}
            disabled={!isActive || unit.validTo !== null}
            onClick={() => onAction("end", unit)}
            data-testid="unit-end"
          >
            {t("units.end")}
          </Button>
        </Space>
      )}
      {!isActive && <Alert type="warning" showIcon title={t("units.notActive")} />}
      <Descriptions
        bordered
        size="small"
        column={{ xs: 1, md: 2 }}
        items={[
          { key: "code", label: t("units.code"), children: unit.code ?? t("app.none") },
          { key: "kind", label: t("units.kind"), children: t(`unitKind.${unit.kind}`) },
          {
            key: "bloc",
            label: t("units.bloc"),
            children: unit.bloc ? t(`bloc.${unit.bloc}`) : t("app.none"),
          },
          {
            key: "status",
            label: t("units.validTo"),
            // The last day the unit exists; the stored end is the day after (DOMAIN §9).
            children: unit.validTo ? (
              formatDmy(lastDayOf(unit.validTo))
            ) : (
              <Tag color="green">{t("units.stillActive")}</Tag>
            ),
          },
          { key: "from", label: t("units.validFrom"), children: formatDmy(unit.validFrom) },
          ...(isTerritorial
            ? [
                {
                  key: "place",
                  label: t("units.place"),
                  span: 2,
                  children: unit.place ? (
                    <span data-testid="unit-detail-place">
                      {unit.place.fullName} <Tag>{t("places.edition", { edition: unit.place.edition })}</Tag>
                    </span>
                  ) : (
                    t("units.noPlace")
                  ),
                },
              ]
            : []),
        ]}
      />
      <div>
        <Typography.Title level={5}>{t("units.history")}</Typography.Title>
        <UnitHistoryTable history={unit.history} />
      </div>
      <div>
        <Typography.Title level={5}>{t("units.links")}</Typography.Title>
        <UnitLinksTable unitId={unit.id} links={unit.links} onOpen={onOpen} />
      </div>
    </Space>
  );
}
