import { Alert, Button, Form, type FormInstance, Modal, Space } from "antd";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { isEnterInDateField } from "./dates.ts";

type Props<Values> = {
  open: boolean;
  title: ReactNode;
  submitLabel: string;
  form: FormInstance<Values>;
  initialValues?: Partial<Values>;
  isPending: boolean;
  /** A server message that belongs to no single field. */
  problem: string | undefined;
  isDanger?: boolean;
  width?: number;
  /** data-testid of the submit button. */
  submitTestId?: string;
  /** data-testid of the alert with a server message (default "form-error"). */
  problemTestId?: string;
  onSubmit: (values: Values) => void;
  onCancel: () => void;
  children: ReactNode;
};

/**
 * A form in a modal whose buttons sit inside the form, so Enter in a text field submits it (Enter in a
 * date field only confirms the date) and Escape closes it; a server message that fits no field shows above the fields.
 */
export function FormModal<Values>(props: Props<Values>) {
  const { t } = useTranslation();
  return (
    <Modal
      open={props.open}
      title={props.title}
      onCancel={props.onCancel}
      footer={null}
      destroyOnHidden
      mask={{ closable: !props.isPending }}
      width={props.width ?? 560}
    >
      <Form<Values>
        form={props.form}
        layout="vertical"
        initialValues={props.initialValues}
        onFinish={props.onSubmit}
        requiredMark="optional"
        style={{ marginTop: 16 }}
        disabled={props.isPending}
        scrollToFirstError
        onKeyDown={(event) => {
          // The picker has confirmed the typed date by now; the form waits for its submit button.
          if (isEnterInDateField(event)) event.preventDefault();
        }}
      >
        {props.problem && (
          <Alert
            type="error"
            showIcon
            title={props.problem}
            style={{ marginBottom: 16 }}
            data-testid={props.problemTestId ?? "form-error"}
          />
        )}
        {props.children}
        <div style={{ display: "flex", justifyContent: "flex-end" }}>
          <Space>
            <Button onClick={props.onCancel} disabled={false}>
              {t("app.cancel")}
            </Button>
            <Button
              type="primary"
              danger={props.isDanger}
              htmlType="submit"
              loading={props.isPending}
              data-testid={props.submitTestId}
            >
              {props.submitLabel}
            </Button>
          </Space>
        </div>
      </Form>
    </Modal>
  );
}
