import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Col, Empty, Row, Space, Spin } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { UnitDetail } from "../../common/contracts/units.ts";
import { isIsoDate } from "../../common/rules/dates.ts";
import { useAuth } from "../app/auth-context.tsx";
import { todayIso } from "../app/dates.ts";
import { AsOfPicker, PageHeader } from "../app/PageHeader.tsx";
import { setValues, useUrlParams } from "../app/use-url-params.ts";
import { useViewportHeight } from "../app/use-viewport-height.ts";
import { CreateUnitModal } from "../modules/units/components/CreateUnitModal.tsx";
import { EndUnitModal } from "../modules/units/components/EndUnitModal.tsx";
import { MoveUnitModal } from "../modules/units/components/MoveUnitModal.tsx";
import { RenameUnitModal } from "../modules/units/components/RenameUnitModal.tsx";
import { SetUnitCodeModal } from "../modules/units/components/SetUnitCodeModal.tsx";
import { SetUnitPlaceModal } from "../modules/units/components/SetUnitPlaceModal.tsx";
import { TreeImportButton } from "../modules/units/components/TreeImportButton.tsx";
import { type UnitAction, UnitDetailPanel } from "../modules/units/components/UnitDetailPanel.tsx";
import { UnitTree } from "../modules/units/components/UnitTree.tsx";
import { UnitTreeExportButton } from "../modules/units/components/UnitTreeExportButton.tsx";
import { useUnitTree } from "../modules/units/hooks/use-unit-queries.ts";
import { indexUnits } from "../modules/units/utils/unit-tree.ts";

/**
 * Đơn vị/Tổ chức: the tree as of a date on the left, the selected unit on the right. The date and the
 * selection live in the URL (?asOf=…&id=…) so a view can be bookmarked and shared.
 */
export function UnitsPage() {
  const { t } = useTranslation();
  const { can, me } = useAuth();
  // A root unit starts a whole organisation: offered to those whose scope is the whole tree (the server
  // checks it again).
  const mayCreateRoot = can("units.write") && me?.scope === "all";
  const [isCreatingRoot, setCreatingRoot] = useState(false);
  const [params, setParams] = useUrlParams();
  const viewportHeight = useViewportHeight();
  const [form, setForm] = useState<{ action: UnitAction; unit: UnitDetail }>();
  const [revealId, setRevealId] = useState<number>();

  const asOfParam = params.get("asOf");
  const asOf = asOfParam && isIsoDate(asOfParam) ? asOfParam : todayIso();
  const idParam = Number(params.get("id"));
  const tree = useUnitTree(asOf);
  const index = useMemo(() => indexUnits(tree.data?.nodes ?? []), [tree.data]);
  const selectedId = Number.isInteger(idParam) && idParam > 0 ? idParam : index.roots[0]?.id;

  const update = (changes: Record<string, string | undefined>) =>
    setParams((next) => setValues(next, changes));
  const select = (id: number) => update({ id: String(id) });
  const close = () => setForm(undefined);

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <PageHeader
        title={t("units.title")}
        extra={
          <Space wrap>
            <AsOfPicker
              value={asOf}
              onChange={(d) => update({ asOf: d })}
              label={t("units.asOf")}
              loading={tree.isFetching}
              testId="as-of-date"
            />
            <UnitTreeExportButton asOf={asOf} />
            {can("units.write") && <TreeImportButton asOf={asOf} />}
            {mayCreateRoot && (
              <Button
                icon={<PlusOutlined />}
                onClick={() => setCreatingRoot(true)}
                data-testid="create-root-unit"
              >
                {t("units.createRoot")}
              </Button>
            )}
          </Space>
        }
      />
      <Row gutter={16}>
        <Col xs={24} lg={9} xxl={8}>
          <Card size="small" styles={{ body: { padding: 12 } }}>
            {tree.error ? (
              <Alert
                type="error"
                showIcon
                title={tree.error.message}
                action={
                  <Button size="small" onClick={() => tree.refetch()}>
                    {t("app.retry")}
                  </Button>
                }
              />
            ) : tree.isLoading ? (
              <div style={{ padding: 48, textAlign: "center" }}>
                <Spin />
              </div>
            ) : (
              <UnitTree
                index={index}
                selectedId={selectedId}
                revealId={revealId}
                onSelect={select}
                height={Math.max(320, viewportHeight - 310)}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={15} xxl={16}>
          <Card size="small" styles={{ body: { padding: 16 } }} data-testid="unit-detail">
            {selectedId === undefined ? (
              <Empty description={tree.isLoading ? t("app.loading") : t("units.pickOne")} />
            ) : (
              <UnitDetailPanel
                unitId={selectedId}
                asOf={asOf}
                canWrite={can("units.write")}
                onOpen={select}
                onAction={(action, unit) => setForm({ action, unit })}
              />
            )}
          </Card>
        </Col>
      </Row>
      {form?.action === "create" && (
        <CreateUnitModal
          open
          parent={form.unit}
          asOf={asOf}
          onClose={close}
          onDone={(created) => {
            setRevealId(created.id);
            close();
          }}
        />
      )}
      {isCreatingRoot && (
        <CreateUnitModal
          open
          asOf={asOf}
          onClose={() => setCreatingRoot(false)}
          onDone={(created) => {
            setCreatingRoot(false);
            update({ id: String(created.id) });
            setRevealId(created.id);
          }}
        />
      )}
      {form?.action === "rename" && (
        <RenameUnitModal open unit={form.unit} asOf={asOf} onClose={close} onDone={close} />
      )}
      {form?.action === "move" && (
        <MoveUnitModal open unit={form.unit} index={index} asOf={asOf} onClose={close} onDone={close} />
      )}
      {form?.action === "code" && <SetUnitCodeModal open unit={form.unit} onClose={close} onDone={close} />}
      {form?.action === "place" && <SetUnitPlaceModal open unit={form.unit} onClose={close} onDone={close} />}
      {form?.action === "end" && (
        <EndUnitModal open unit={form.unit} index={index} onClose={close} onDone={close} />
      )}
    </Space>
  );
}
