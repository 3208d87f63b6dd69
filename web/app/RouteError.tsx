import { Button, Result } from "antd";
import { useTranslation } from "react-i18next";
import { useRouteError } from "react-router";
import { routeErrorKind } from "./route-error.ts";

/**
 * Shown instead of React Router's developer page when a page cannot be shown: a Vietnamese message and
 * a reload button (a failed download of the page's code is mended by loading the app again).
 */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  const kind = routeErrorKind(error);
  if (kind !== "not_found") console.error(error);
  return (
    <div data-testid="route-error">
      <Result
        status={kind === "not_found" ? "404" : "warning"}
        title={t(`routeError.${kind}.title`)}
        subTitle={t(`routeError.${kind}.text`)}
        extra={[
          <Button
            key="reload"
            type="primary"
            onClick={() => window.location.reload()}
            data-testid="route-error-reload"
          >
            {t("routeError.reload")}
          </Button>,
          <Button key="home" href="/">
            {t("routeError.home")}
          </Button>,
        ]}
      />
    </div>
  );
}
