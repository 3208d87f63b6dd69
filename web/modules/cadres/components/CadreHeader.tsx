import { EditOutlined, FileWordOutlined, PrinterOutlined, WarningOutlined } from "@ant-design/icons";
import { App, Button, Card, DatePicker, Space, Spin, Tag, Tooltip, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import type { CadreDetail } from "../../../../common/contracts/cadres.ts";
import { formatDmy } from "../../../../common/rules/dates.ts";
import { apiDownload, apiUrl, saveDownload } from "../../../app/api-client.ts";
import { DATE_INPUT_FORMATS, dayjsOf, isoOf, todayIso } from "../../../app/dates.ts";
import { isTermPassed } from "../utils/term-end.ts";
import { RetirementOverrideModal } from "./RetirementOverrideModal.tsx";
import { TierName } from "./TierName.tsx";

type Props = {
  cadre: CadreDetail;
  asOf: string;
  onAsOf: (asOf: string) => void;
  isFetching: boolean;
  canEdit: boolean;
  onEdit: () => void;
};

/**
 * Who the person is at a glance: name, staff code, main post and unit on the chosen date, age and
 * retirement date; the CV in print (HTML) and Word (DOCX) forms as of that date.
 */
export function CadreHeader({ cadre, asOf, onAsOf, isFetching, canEdit, onEdit }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [isDownloading, setDownloading] = useState(false);
  const [isOverriding, setOverriding] = useState(false);
  const facts = cadre.computed;
  const cvQuery = { asOf: asOf === todayIso() ? undefined : asOf };

  const downloadDocx = async () => {
    setDownloading(true);
    try {
      const file = await apiDownload(
        `/cadres/${cadre.id}/cv`,
        { format: "docx", ...cvQuery },
        `so-yeu-ly-lich-${cadre.staffCode}.docx`,
      );
      saveDownload(file);
    } catch (error) {
      message.error(t("app.downloadFailed", { message: (error as Error).message }));
    } finally {
      setDownloading(false);
    }
  };

  return (
    <Card size="small" styles={{ body: { padding: 16 } }}>
      <div style={{ display: "flex", justifyContent: "space-between", gap: 16, flexWrap: "wrap" }}>
        <Space orientation="vertical" size={4} style={{ minWidth: 0 }}>
          <Space size={8} wrap>
            <Typography.Title level={3} style={{ margin: 0 }} data-testid="cadre-detail-name">
              {cadre.fullName}
            </Typography.Title>
            <Tag>{t(`staffType.${cadre.staffType}`)}</Tag>
            {cadre.leftOn && cadre.leftOn <= asOf && (
              <Tag color="red">{t("cadre.left", { date: formatDmy(cadre.leftOn) })}</Tag>
            )}
          </Space>
          <Typography.Text type="secondary">
            {t("cadre.staffCode")}: <Typography.Text copyable>{cadre.staffCode}</Typography.Text>
          </Typography.Text>
          <div data-testid="cadre-detail-post">
            {facts.current ? (
              <>
                <Typography.Text strong>{facts.current.title.name}</Typography.Text>
                {", "}
                <Link to={`/units?id=${facts.current.unit.id}`}>{facts.current.unit.name}</Link>{" "}
                <Typography.Text type="secondary">
                  {t("cadre.since", {
                    date: formatDmy(facts.current.since),
                    months: facts.current.monthsInPost,
                  })}
                </Typography.Text>
              </>
            ) : (
              <Typography.Text type="secondary">{t("cadre.noPost")}</Typography.Text>
            )}
          </div>
          <Space size={[8, 4]} wrap data-testid="cadre-detail-facts">
            <Tag color="blue">{t("cadre.age", { age: facts.age })}</Tag>
            <Tooltip
              title={[
                t("cadre.retirementHelp", { pension: formatDmy(facts.retirement.pensionFrom) }),
                facts.retirement.overrideKind
                  ? `${t(`retirementOverride.kinds.${facts.retirement.overrideKind}`)}; ${t("retiring.statutoryDate", { date: formatDmy(facts.retirement.statutoryDate) })}`
                  : null,
              ]
                .filter(Boolean)
                .join(". ")}
            >
              <Tag color="purple" data-testid="cadre-detail-retirement">
                {t("cadre.retirement", { date: formatDmy(facts.retirement.retirementDate) })}
                {facts.retirement.overrideKind ? " *" : ""}
              </Tag>
            </Tooltip>
            {canEdit && (
              <Button
                size="small"
                type="link"
                onClick={() => setOverriding(true)}
                data-testid="retirement-override-open"
              >
                {t("retirementOverride.open")}
              </Button>
            )}
            {facts.leadership &&
              (isTermPassed(facts.leadership.termEndDate, facts.asOf) ? (
                <Tag color="error" icon={<WarningOutlined />} data-testid="cadre-detail-term-end">
                  {t("cadre.termPassed", { date: formatDmy(facts.leadership.termEndDate) })}
                </Tag>
              ) : (
                <Tag color="gold" data-testid="cadre-detail-term-end">
                  {t("cadre.termEnd", { date: formatDmy(facts.leadership.termEndDate) })}
                </Tag>
              ))}
            {facts.tier && (
              <Tag>
                <TierName tier={facts.tier} />
              </Tag>
            )}
            {facts.isLocal !== null && (
              <Tag color={facts.isLocal ? "green" : "default"}>
                {facts.isLocal ? t("cadre.isLocal") : t("cadre.notLocal")}
              </Tag>
            )}
          </Space>
        </Space>
        <Space orientation="vertical" align="end" size={8}>
          <Space>
            <Typography.Text>{t("cadre.asOf")}</Typography.Text>
            <DatePicker
              value={dayjsOf(asOf)}
              format={DATE_INPUT_FORMATS}
              allowClear={false}
              onChange={(d) => d && onAsOf(isoOf(d))}
              aria-label={t("cadre.asOf")}
              data-testid="cadre-as-of"
            />
            {isFetching && <Spin size="small" />}
          </Space>
          <Space wrap>
            <Button
              icon={<PrinterOutlined />}
              href={apiUrl(`/cadres/${cadre.id}/cv`, { format: "html", ...cvQuery })}
              target="_blank"
              rel="noopener"
              data-testid="cadre-cv-html"
            >
              {t("cadre.printCv")}
            </Button>
            <Button
              icon={<FileWordOutlined />}
              loading={isDownloading}
              onClick={downloadDocx}
              data-testid="cadre-cv-docx"
            >
              {t("cadre.docx")}
            </Button>
            {canEdit && (
              <Button type="primary" icon={<EditOutlined />} onClick={onEdit} data-testid="cadre-edit">
                {t("cadre.edit")}
              </Button>
            )}
          </Space>
        </Space>
      </div>
      {isOverriding && (
        <RetirementOverrideModal cadre={cadre} canEdit={canEdit} onClose={() => setOverriding(false)} />
      )}
    </Card>
  );
}
