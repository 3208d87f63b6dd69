import { createBrowserRouter, Outlet } from "react-router";
import { LoginPage } from "../pages/LoginPage.tsx";
import { FullPageSpin } from "./FullPageSpin.tsx";
import { AppShell } from "./layout/AppShell.tsx";
import { RequireAuth } from "./RequireAuth.tsx";
import { RequirePermission } from "./RequirePermission.tsx";
import { RouteError } from "./RouteError.tsx";

// Pages behind the login load on first visit; the login page and the shell come with the first load.
export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage />, errorElement: <RouteError /> },
  {
    path: "/",
    HydrateFallback: FullPageSpin,
    // A page whose code fails to download (network, or an upgrade while the app is open) or that throws.
    errorElement: <RouteError />,
    element: (
      <RequireAuth>
        <AppShell />
      </RequireAuth>
    ),
    children: [
      { index: true, lazy: async () => ({ Component: (await import("../pages/HomePage.tsx")).HomePage }) },
      {
        path: "units",
        lazy: async () => ({ Component: (await import("../pages/UnitsPage.tsx")).UnitsPage }),
      },
      {
        path: "me",
        lazy: async () => ({ Component: (await import("../pages/MyRecordPage.tsx")).MyRecordPage }),
      },
      {
        element: (
          <RequirePermission permission="cadres.read">
            <Outlet />
          </RequirePermission>
        ),
        children: [
          {
            path: "cadres",
            lazy: async () => ({ Component: (await import("../pages/CadresPage.tsx")).CadresPage }),
          },
          {
            path: "cadres/retiring",
            lazy: async () => ({ Component: (await import("../pages/RetiringPage.tsx")).RetiringPage }),
          },
          {
            path: "cadres/:id",
            lazy: async () => ({
              Component: (await import("../pages/CadreDetailPage.tsx")).CadreDetailPage,
            }),
          },
        ],
      },
      {
        element: (
          <RequirePermission permission="indicators.read">
            <Outlet />
          </RequirePermission>
        ),
        children: [
          {
            path: "dashboard",
            lazy: async () => ({ Component: (await import("../pages/DashboardPage.tsx")).DashboardPage }),
          },
          {
            // The names behind a figure also need cadres.read (the server checks both).
            path: "indicators/:code/people",
            element: (
              <RequirePermission permission="cadres.read">
                <Outlet />
              </RequirePermission>
            ),
            children: [
              {
                index: true,
                lazy: async () => ({
                  Component: (await import("../pages/IndicatorPeoplePage.tsx")).IndicatorPeoplePage,
                }),
              },
            ],
          },
        ],
      },
      {
        element: (
          <RequirePermission permission="cadres.import">
            <Outlet />
          </RequirePermission>
        ),
        children: [
          {
            path: "cadres/import",
            lazy: async () => ({
              Component: (await import("../pages/CadreImportPage.tsx")).CadreImportPage,
            }),
          },
        ],
      },
      {
        element: (
          <RequirePermission permission="indicators.read">
            <Outlet />
          </RequirePermission>
        ),
        children: [
          {
            path: "indicators/catalogue",
            lazy: async () => ({
              Component: (await import("../pages/IndicatorCataloguePage.tsx")).IndicatorCataloguePage,
            }),
          },
        ],
      },
      {
        element: (
          <RequirePermission permission="audit.read">
            <Outlet />
          </RequirePermission>
        ),
        children: [
          {
            path: "audit",
            lazy: async () => ({ Component: (await import("../pages/AuditPage.tsx")).AuditPage }),
          },
        ],
      },
      {
        element: (
          <RequirePermission permission="users.manage">
            <Outlet />
          </RequirePermission>
        ),
        children: [
          {
            path: "accounts",
            lazy: async () => ({ Component: (await import("../pages/AccountsPage.tsx")).AccountsPage }),
          },
        ],
      },
      {
        path: "password",
        lazy: async () => ({
          Component: (await import("../pages/ChangePasswordPage.tsx")).ChangePasswordPage,
        }),
      },
      {
        path: "*",
        lazy: async () => ({ Component: (await import("../pages/NotFoundPage.tsx")).NotFoundPage }),
      },
    ],
  },
]);
