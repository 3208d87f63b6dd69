import { Col, DatePicker, Form, Row } from "antd";
import { useTranslation } from "react-i18next";
import { DATE_INPUT_FORMATS } from "../../../../app/dates.ts";
import { endAfterStartRule, requiredRule } from "../../utils/form-values.ts";

/** From (required) and to (empty while in force), side by side. */
export function PeriodFields() {
  const { t } = useTranslation();
  return (
    <Row gutter={12}>
      <Col span={12}>
        <Form.Item name="validFrom" label={t("history.validFrom")} rules={[requiredRule(t)]}>
          <DatePicker
            format={DATE_INPUT_FORMATS}
            style={{ width: "100%" }}
            data-testid="history-valid-from"
          />
        </Form.Item>
      </Col>
      <Col span={12}>
        <Form.Item
          name="validTo"
          label={t("history.lastDay")}
          extra={t("history.validToHelp")}
          dependencies={["validFrom"]}
          rules={[endAfterStartRule(t, "validFrom")]}
        >
          <DatePicker format={DATE_INPUT_FORMATS} style={{ width: "100%" }} data-testid="history-valid-to" />
        </Form.Item>
      </Col>
    </Row>
  );
}
