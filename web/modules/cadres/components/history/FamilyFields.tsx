import { AutoComplete, Col, Form, type FormInstance, Input, InputNumber, Radio, Row } from "antd";
import { useTranslation } from "react-i18next";
import { FAMILY_SIDES } from "../../../../../common/contracts/cadres.ts";
import { maxRule, requiredTextRule } from "../../utils/form-values.ts";

const RELATIONS = {
  own: ["Bố", "Mẹ", "Vợ", "Chồng", "Con", "Anh", "Chị", "Em"],
  spouse: ["Bố vợ", "Mẹ vợ", "Bố chồng", "Mẹ chồng", "Anh", "Chị", "Em"],
} as const;

/** A member of the family (CV item 36), on the person's own side or the spouse's. */
export function FamilyFields({ form }: { form: FormInstance }) {
  const { t } = useTranslation();
  const side = Form.useWatch<"own" | "spouse" | undefined>("side", form);
  return (
    <>
      <Form.Item
        name="side"
        label={t("history.side")}
        rules={[{ required: true, message: t("history.required") }]}
      >
        <Radio.Group
          options={FAMILY_SIDES.map((s) => ({ value: s, label: t(`familySide.${s}`) }))}
          optionType="button"
        />
      </Form.Item>
      <Row gutter={12}>
        <Col span={10}>
          <Form.Item
            name="relation"
            label={t("history.relation")}
            rules={[requiredTextRule(t), maxRule(t, 50)]}
          >
            <AutoComplete
              autoFocus
              options={RELATIONS[side ?? "own"].map((r) => ({ value: r }))}
              maxLength={50}
              data-testid="history-relation"
            />
          </Form.Item>
        </Col>
        <Col span={14}>
          <Form.Item
            name="fullName"
            label={t("history.familyName")}
            rules={[
              requiredTextRule(t),
              maxRule(t, 200),
              { pattern: /^[^0-9<>]+$/u, message: t("cadreForm.nameInvalid") },
            ]}
          >
            <Input maxLength={200} data-testid="history-family-name" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="birthYear" label={t("history.birthYear")}>
        <InputNumber<number> min={1850} max={2200} precision={0} style={{ width: 140 }} />
      </Form.Item>
      <Form.Item name="details" label={t("history.details")} rules={[maxRule(t, 1000)]}>
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </>
  );
}
