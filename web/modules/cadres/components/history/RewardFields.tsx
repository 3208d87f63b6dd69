import { Col, DatePicker, Form, Input, Row } from "antd";
import { useTranslation } from "react-i18next";
import { DATE_INPUT_FORMATS } from "../../../../app/dates.ts";
import { maxRule, requiredRule, requiredTextRule } from "../../utils/form-values.ts";

/** A reward (CV item 35). Its `reason` is what it was for, not the reason of the change. */
export function RewardFields() {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="form" label={t("history.rewardForm")} rules={[requiredTextRule(t), maxRule(t, 300)]}>
        <Input autoFocus maxLength={300} data-testid="history-reward-form" />
      </Form.Item>
      <Row gutter={12}>
        <Col span={12}>
          <Form.Item name="decidedOn" label={t("history.decidedOn")} rules={[requiredRule(t)]}>
            <DatePicker
              format={DATE_INPUT_FORMATS}
              style={{ width: "100%" }}
              data-testid="history-decided-on"
            />
          </Form.Item>
        </Col>
        <Col span={12}>
          <Form.Item name="decisionRef" label={t("history.decisionRef")} rules={[maxRule(t, 100)]}>
            <Input maxLength={100} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="issuer" label={t("history.issuer")} rules={[maxRule(t, 300)]}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="reason" label={t("history.rewardReason")} rules={[maxRule(t, 1000)]}>
        <Input.TextArea rows={2} maxLength={1000} />
      </Form.Item>
    </>
  );
}
