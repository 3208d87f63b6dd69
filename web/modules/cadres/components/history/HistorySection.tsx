import { DeleteOutlined, EditOutlined, PlusOutlined, StopOutlined } from "@ant-design/icons";
import { Button, Space, Table, Typography } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CadreDetail, HistoryKind } from "../../../../../common/contracts/cadres.ts";
import { useLocale } from "../../../../app/locale-context.tsx";
import { useCodes } from "../../hooks/use-cadre-queries.ts";
import { DeleteHistoryModal } from "./DeleteHistoryModal.tsx";
import { EndHistoryModal } from "./EndHistoryModal.tsx";
import { HistoryFormModal } from "./HistoryFormModal.tsx";
import { HISTORY_CONFIG, type KindConfig } from "./history-kinds.tsx";

type Row = { id: number } & Record<string, unknown>;

type Open =
  | { type: "form"; row?: Row; preset?: Record<string, unknown> }
  | { type: "end"; row: Row }
  | { type: "delete"; row: Row };

type Props<K extends HistoryKind> = { cadre: CadreDetail; kind: K; canWrite: boolean };

/**
 * One history of the record as a table (tables per category for qualifications) and, for users who may
 * change the record, its actions: add, correct a wrong row, end a dated row, delete a row entered by
 * mistake (with a reason).
 */
export function HistorySection<K extends HistoryKind>({ cadre, kind, canWrite }: Props<K>) {
  const { t } = useTranslation();
  const { language } = useLocale();
  const codes = useCodes();
  const config = HISTORY_CONFIG[kind] as unknown as KindConfig<Row>;
  const [open, setOpen] = useState<Open>();
  const rows = config.rowsOf(cadre) as Row[];
  const close = () => setOpen(undefined);

  const actions: ColumnsType<Row> = canWrite
    ? [
        {
          title: t("history.actions"),
          key: "actions",
          width: config.isDated ? 210 : 150,
          fixed: "right",
          render: (_, row) => (
            <Space size={0}>
              <Button
                type="link"
                size="small"
                icon={<EditOutlined />}
                onClick={() => setOpen({ type: "form", row })}
                data-testid={`history-correct-${kind}-${row.id}`}
              >
                {t("history.correct")}
              </Button>
              {config.isDated && (
                <Button
                  type="link"
                  size="small"
                  icon={<StopOutlined />}
                  disabled={row.validTo !== null}
                  onClick={() => setOpen({ type: "end", row })}
                  data-testid={`history-end-${kind}-${row.id}`}
                >
                  {t("history.end")}
                </Button>
              )}
              <Button
                type="link"
                size="small"
                danger
                icon={<DeleteOutlined />}
                onClick={() => setOpen({ type: "delete", row })}
                data-testid={`history-delete-${kind}-${row.id}`}
              >
                {t("history.delete")}
              </Button>
            </Space>
          ),
        },
      ]
    : [];
  const columns = [...config.columns(t, language, codes.data), ...actions];

  const table = (data: Row[], testId: string) => (
    <Table<Row>
      data-testid={testId}
      rowKey="id"
      size="small"
      dataSource={data}
      columns={columns}
      pagination={data.length > 20 ? { pageSize: 20, hideOnSinglePage: true } : false}
      locale={{ emptyText: t("history.empty") }}
      scroll={{ x: "max-content" }}
    />
  );

  const addButton = (
    preset: Record<string, unknown> | undefined,
    testId: string,
    label = t("history.add"),
  ) => (
    <Button icon={<PlusOutlined />} onClick={() => setOpen({ type: "form", preset })} data-testid={testId}>
      {label}
    </Button>
  );

  return (
    <div>
      {canWrite && (
        <div style={{ display: "flex", justifyContent: "flex-end", marginBottom: 12 }}>
          {addButton(undefined, `history-add-${kind}`, `${t("history.add")} ${t(`history.kind.${kind}`)}`)}
        </div>
      )}
      {config.groups ? (
        <div data-testid={`history-table-${kind}`}>
          {config.groups.map((group) => (
            <div key={group.key} style={{ marginBottom: 20 }}>
              <div
                style={{
                  display: "flex",
                  alignItems: "center",
                  justifyContent: "space-between",
                  marginBottom: 8,
                }}
              >
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {group.label(t)}
                </Typography.Title>
                {canWrite && (
                  <Button
                    size="small"
                    type="text"
                    icon={<PlusOutlined />}
                    onClick={() => setOpen({ type: "form", preset: group.blank })}
                    data-testid={`history-add-${kind}-${group.key}`}
                  >
                    {t("history.add")}
                  </Button>
                )}
              </div>
              {table(rows.filter(group.test), `history-table-${kind}-${group.key}`)}
            </div>
          ))}
        </div>
      ) : (
        table(rows, `history-table-${kind}`)
      )}
      {open?.type === "form" && (
        <HistoryFormModal<Row>
          cadre={cadre}
          kind={kind}
          config={config}
          row={open.row}
          preset={open.preset}
          onClose={close}
        />
      )}
      {open?.type === "end" && (
        <EndHistoryModal
          cadreId={cadre.id}
          kind={kind}
          rowId={open.row.id}
          label={config.describe(open.row, t)}
          startDate={config.startOf?.(open.row) ?? ""}
          onClose={close}
        />
      )}
      {open?.type === "delete" && (
        <DeleteHistoryModal
          cadreId={cadre.id}
          kind={kind}
          rowId={open.row.id}
          label={config.describe(open.row, t)}
          onClose={close}
        />
      )}
    </div>
  );
}
