import { Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { UnitDetail } from "../../../../common/contracts/units.ts";
import { formatDmy } from "../../../../common/rules/dates.ts";

type Link = UnitDetail["links"][number];
type Props = { unitId: number; links: UnitDetail["links"]; onOpen: (id: number) => void };

/** Merges, splits and renames this unit took part in; the other unit's name opens it. */
export function UnitLinksTable({ unitId, links, onOpen }: Props) {
  const { t } = useTranslation();
  if (links.length === 0) return <Typography.Text type="secondary">{t("units.noLinks")}</Typography.Text>;
  const unitCell = (id: number, name: string) =>
    id === unitId ? (
      <strong>{name}</strong>
    ) : (
      <Typography.Link onClick={() => onOpen(id)}>{name}</Typography.Link>
    );
  return (
    <Table<Link>
      size="small"
      pagination={false}
      rowKey="id"
      dataSource={links}
      data-testid="unit-links"
      tableLayout="fixed"
      columns={[
        {
          title: t("units.linkKind"),
          dataIndex: "kind",
          width: 110,
          render: (k: Link["kind"]) => <Tag>{t(`lineage.${k}`)}</Tag>,
        },
        {
          title: t("units.linkDate"),
          dataIndex: "effectiveDate",
          width: 110,
          render: (v: string) => formatDmy(v),
        },
        {
          title: t("units.linkPredecessor"),
          key: "pre",
          ellipsis: true,
          render: (_, l) => unitCell(l.predecessorId, l.predecessorName),
        },
        {
          title: t("units.linkSuccessor"),
          key: "suc",
          ellipsis: true,
          render: (_, l) => unitCell(l.successorId, l.successorName),
        },
      ]}
    />
  );
}
