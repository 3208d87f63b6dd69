import { Col, DatePicker, Form, Input, InputNumber, List, Radio, Row, Select, Typography } from "antd";
import type { Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { CadreDetail } from "../../../../common/contracts/cadres.ts";
import { formatDmy } from "../../../../common/rules/dates.ts";
import {
  RETIREMENT_OVERRIDE_KINDS,
  type RetirementOverrideKind,
} from "../../../../common/rules/retirement-override.ts";
import { DATE_INPUT_FORMATS, dayjsOf, isoOf, todayIso } from "../../../app/dates.ts";
import { FormModal } from "../../../app/FormModal.tsx";
import { applyServerError } from "../../../app/form-errors.ts";
import { useAddRetirementOverride, useRetirementOverrides } from "../hooks/use-retirement.ts";

type Values = {
  validFrom: Dayjs;
  kind: RetirementOverrideKind;
  by: "date" | "age";
  retirementDate?: Dayjs;
  ageYears?: number;
  ageMonths?: number;
  documentRef: string;
  documentDate?: Dayjs;
  note?: string;
  reason?: string;
};

const FIELDS = [
  "validFrom",
  "kind",
  "retirementDate",
  "ageYears",
  "documentRef",
  "documentDate",
  "note",
  "reason",
];

/**
 * Nghỉ hưu sớm/muộn: the person's exceptions to the statutory retirement date (DOMAIN §6), and a form to
 * record one from a date with its legal basis and document. The server checks it against the basis.
 */
export function RetirementOverrideModal({
  cadre,
  canEdit,
  onClose,
}: {
  cadre: CadreDetail;
  canEdit: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<string>();
  const rows = useRetirementOverrides(cadre.id, true);
  const add = useAddRetirementOverride(cadre.id);
  const kind = Form.useWatch("kind", form);
  const by = Form.useWatch("by", form) ?? "date";

  const submit = (v: Values) => {
    setProblem(undefined);
    const isStatutory = v.kind === "statutory";
    add.mutate(
      {
        validFrom: isoOf(v.validFrom),
        kind: v.kind,
        retirementDate: !isStatutory && v.by === "date" && v.retirementDate ? isoOf(v.retirementDate) : null,
        ageMonths:
          !isStatutory && v.by === "age" && v.ageYears !== undefined
            ? v.ageYears * 12 + (v.ageMonths ?? 0)
            : null,
        documentRef: v.documentRef,
        documentDate: v.documentDate ? isoOf(v.documentDate) : null,
        note: v.note ?? null,
        ...(v.reason ? { reason: v.reason } : {}),
      },
      {
        onSuccess: () => onClose(),
        onError: (error) => setProblem(applyServerError(form, error, FIELDS, { ageMonths: "ageYears" })),
      },
    );
  };

  const history = (
    <List
      size="small"
      header={<Typography.Text strong>{t("retirementOverride.history")}</Typography.Text>}
      loading={rows.isLoading}
      dataSource={rows.data ?? []}
      locale={{ emptyText: t("retirementOverride.none") }}
      data-testid="retirement-override-list"
      renderItem={(r) => (
        <List.Item>
          <List.Item.Meta
            title={`${formatDmy(r.validFrom)} — ${t(`retirementOverride.kinds.${r.kind}`)}`}
            description={[
              r.effectiveDate
                ? t("retirementOverride.effective", { date: formatDmy(r.effectiveDate) })
                : null,
              [r.documentRef, r.documentDate ? formatDmy(r.documentDate) : null].filter(Boolean).join(", "),
              r.note,
            ]
              .filter(Boolean)
              .join(" · ")}
          />
        </List.Item>
      )}
    />
  );

  return (
    <FormModal<Values>
      open
      width={680}
      title={t("retirementOverride.title")}
      submitLabel={t("retirementOverride.add")}
      submitTestId="retirement-override-submit"
      form={form}
      initialValues={{ validFrom: dayjsOf(todayIso()), by: "date" }}
      isPending={add.isPending}
      problem={problem}
      onSubmit={submit}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">
        {t("retirementOverride.help", { date: formatDmy(cadre.computed.retirement.statutoryDate) })}
      </Typography.Paragraph>
      {history}
      {canEdit && (
        <>
          <Row gutter={12} style={{ marginTop: 16 }}>
            <Col span={8}>
              <Form.Item
                name="validFrom"
                label={t("retirementOverride.validFrom")}
                rules={[{ required: true }]}
              >
                <DatePicker format={DATE_INPUT_FORMATS} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col span={16}>
              <Form.Item name="kind" label={t("retirementOverride.kind")} rules={[{ required: true }]}>
                <Select
                  data-testid="retirement-override-kind"
                  options={RETIREMENT_OVERRIDE_KINDS.map((k) => ({
                    value: k,
                    label: t(`retirementOverride.kinds.${k}`),
                  }))}
                />
              </Form.Item>
            </Col>
          </Row>
          {kind !== "statutory" && (
            <Row gutter={12}>
              <Col span={8}>
                <Form.Item name="by" label={t("retirementOverride.valueType")}>
                  <Radio.Group
                    options={[
                      { value: "date", label: t("retirementOverride.byDate") },
                      { value: "age", label: t("retirementOverride.byAge") },
                    ]}
                  />
                </Form.Item>
              </Col>
              {by === "date" ? (
                <Col span={16}>
                  <Form.Item
                    name="retirementDate"
                    label={t("retirementOverride.retirementDate")}
                    rules={[{ required: true }]}
                  >
                    <DatePicker format={DATE_INPUT_FORMATS} style={{ width: "100%" }} />
                  </Form.Item>
                </Col>
              ) : (
                <>
                  <Col span={8}>
                    <Form.Item
                      name="ageYears"
                      label={t("retirementOverride.ageYears")}
                      rules={[{ required: true }]}
                    >
                      <InputNumber min={40} max={80} style={{ width: "100%" }} />
                    </Form.Item>
                  </Col>
                  <Col span={8}>
                    <Form.Item name="ageMonths" label={t("retirementOverride.ageMonths")}>
                      <InputNumber min={0} max={11} style={{ width: "100%" }} />
                    </Form.Item>
                  </Col>
                </>
              )}
            </Row>
          )}
          <Row gutter={12}>
            <Col span={12}>
              <Form.Item
                name="documentRef"
                label={t("retirementOverride.documentRef")}
                rules={[{ required: true, whitespace: true }]}
              >
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="documentDate" label={t("retirementOverride.documentDate")}>
                <DatePicker format={DATE_INPUT_FORMATS} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="note" label={t("retirementOverride.note")}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="reason" label={t("retirementOverride.reason")}>
            <Input maxLength={1000} />
          </Form.Item>
        </>
      )}
    </FormModal>
  );
}
