import { Alert, Button, Card, Col, Empty, Row, Space, Spin, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { Analysis, DrillSide } from "../../../../common/contracts/indicators.ts";
import { formatDmy } from "../../../../common/rules/dates.ts";
import type { NumberLanguage } from "../utils/indicator-format.ts";
import { AgePyramidChart } from "./AgePyramidChart.tsx";
import { BelowTargetPanel } from "./BelowTargetPanel.tsx";
import { KeyLeadersAgeTable } from "./KeyLeadersAgeTable.tsx";
import { LeadersVsAllTable } from "./LeadersVsAllTable.tsx";

type Props = {
  analysis: Analysis | undefined;
  /** A request is running (the first, or the next date's while the previous views stay). */
  isFetching: boolean;
  /** The views on screen are the previous date's or unit's. */
  isStale: boolean;
  error: Error | null;
  onRetry: () => void;
  language: NumberLanguage;
  canSeeNames: boolean;
  onDrill: (code: string, target: { unitId: number; side: DrillSide; directOnly?: boolean }) => void;
};

/**
 * "Phân tích", below the breakdown: the units below target of every indicator with a target, the age
 * pyramid, the key leaders' average age by level, and women and young among the cadres of the standing-committee tiers against all staff.
 */
export function AnalysisSection({
  analysis,
  isFetching,
  isStale,
  error,
  onRetry,
  language,
  canSeeNames,
  onDrill,
}: Props) {
  const { t } = useTranslation();

  return (
    <section data-testid="analysis" aria-labelledby="analysis-title">
      <div style={{ display: "flex", alignItems: "baseline", gap: 12, flexWrap: "wrap", marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }} id="analysis-title">
          {t("analysis.title")}
        </Typography.Title>
        {analysis && (
          <Typography.Text type="secondary" data-testid="analysis-subtitle">
            {t("dashboard.subtitle", { unit: analysis.unit.name, date: formatDmy(analysis.asOf) })}
          </Typography.Text>
        )}
      </div>
      {error ? (
        <Alert
          type="error"
          showIcon
          title={error.message}
          action={
            <Button size="small" onClick={onRetry}>
              {t("app.retry")}
            </Button>
          }
        />
      ) : !analysis ? (
        <Card size="small">
          <div style={{ padding: 48, textAlign: "center" }} data-testid="analysis-loading">
            {isFetching ? <Spin /> : <Empty description={t("dashboard.noData")} />}
          </div>
        </Card>
      ) : (
        <Spin spinning={isFetching} delay={200}>
          <Space
            orientation="vertical"
            size="middle"
            style={{ width: "100%", opacity: isStale ? 0.6 : 1, transition: "opacity 0.2s" }}
          >
            <BelowTargetPanel
              belowTarget={analysis.belowTarget}
              rootId={analysis.unit.id}
              asOf={analysis.asOf}
              language={language}
              canSeeNames={canSeeNames}
              onDrill={onDrill}
            />
            <Row gutter={[16, 16]}>
              <Col xs={24} xl={12}>
                <AgePyramidChart pyramid={analysis.agePyramid} language={language} />
              </Col>
              <Col xs={24} xl={12}>
                <div style={{ display: "flex", flexDirection: "column", gap: 16 }}>
                  <KeyLeadersAgeTable rows={analysis.keyLeadersAge} language={language} />
                  <LeadersVsAllTable groups={analysis.leadersVsAll} language={language} />
                </div>
              </Col>
            </Row>
          </Space>
        </Spin>
      )}
    </section>
  );
}
