import { Alert, Card, Space, Tabs } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CadreDetail, HistoryKind } from "../../../../common/contracts/cadres.ts";
import { CADRE_TABS, type CadreTab } from "../utils/cadre-tabs.ts";
import { CadreFormDrawer } from "./CadreFormDrawer.tsx";
import { CadreHeader } from "./CadreHeader.tsx";
import { GeneralInfoTab } from "./GeneralInfoTab.tsx";
import { HistorySection } from "./history/HistorySection.tsx";

type Props = {
  cadre: CadreDetail;
  asOf: string;
  onAsOf: (asOf: string) => void;
  tab: CadreTab;
  onTab: (tab: CadreTab) => void;
  isFetching: boolean;
  /** May change the record (cadres.write, and not one's own record). */
  canWrite: boolean;
  /** The person's own record (/me): a note says how to get it corrected. */
  isOwn?: boolean;
};

/** A cadre record: the header with the facts as of a date, then one tab per section of the CV. */
export function CadreDetailView({ cadre, asOf, onAsOf, tab, onTab, isFetching, canWrite, isOwn }: Props) {
  const { t } = useTranslation();
  const [isEditing, setEditing] = useState(false);
  const isFamilyMasked = cadre.masked.includes("family") || cadre.withheld.includes("family");
  // A record readable only as of a past date (the person has left the reader's scope) cannot be changed.
  const isAsOfOnly = cadre.withheld.length > 0;
  const mayWrite = canWrite && !isAsOfOnly;
  const tabs = CADRE_TABS.filter((key) => key !== "family" || !isFamilyMasked);
  const active = tabs.includes(tab) ? tab : "general";

  return (
    <Space orientation="vertical" size="middle" style={{ width: "100%" }}>
      <CadreHeader
        cadre={cadre}
        asOf={asOf}
        onAsOf={onAsOf}
        isFetching={isFetching}
        canEdit={mayWrite}
        onEdit={() => setEditing(true)}
      />
      {isOwn && <Alert type="info" showIcon title={t("cadre.ownReadOnly")} />}
      {isAsOfOnly && (
        <Alert type="warning" showIcon title={t("cadre.asOfOnly")} data-testid="cadre-as-of-only" />
      )}
      <Card size="small" styles={{ body: { paddingTop: 0 } }}>
        <Tabs
          activeKey={active}
          onChange={(key) => onTab(key as CadreTab)}
          items={tabs.map((key) => ({
            key,
            label: <span data-testid={`cadre-tab-${key}`}>{t(`cadre.tabs.${key}`)}</span>,
            children:
              key === "general" ? (
                <GeneralInfoTab cadre={cadre} />
              ) : (
                <HistorySection cadre={cadre} kind={key as HistoryKind} canWrite={mayWrite} />
              ),
          }))}
        />
      </Card>
      {isEditing && <CadreFormDrawer mode="edit" cadre={cadre} onClose={() => setEditing(false)} />}
    </Space>
  );
}
