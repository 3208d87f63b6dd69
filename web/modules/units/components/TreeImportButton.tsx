import { UploadOutlined } from "@ant-design/icons";
import { Button, Drawer } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { TreeImportPanel } from "./TreeImportPanel.tsx";

/**
 * "Nhập cây tổ chức": opens the tree import beside the tree, for those who may change units (the server
 * checks it again). Closing the drawer forgets the file and the reports.
 */
export function TreeImportButton({ asOf }: { asOf: string }) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  const close = () => setOpen(false);
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => setOpen(true)} data-testid="units-import">
        {t("unitImport.open")}
      </Button>
      <Drawer
        open={isOpen}
        title={t("unitImport.title")}
        size={760}
        onClose={close}
        maskClosable={false}
        destroyOnHidden
      >
        <TreeImportPanel asOf={asOf} onClose={close} />
      </Drawer>
    </>
  );
}
