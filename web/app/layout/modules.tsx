import {
  ApartmentOutlined,
  AuditOutlined,
  ClusterOutlined,
  DashboardOutlined,
  FieldTimeOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  FundOutlined,
  GlobalOutlined,
  HistoryOutlined,
  HomeOutlined,
  IdcardOutlined,
  ImportOutlined,
  ReadOutlined,
  RiseOutlined,
  SafetyCertificateOutlined,
  StarOutlined,
  TeamOutlined,
  TrophyOutlined,
  UnorderedListOutlined,
  UserOutlined,
  UserSwitchOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";
import type { Permission } from "../../../common/enums/auth.ts";
import type { Messages } from "../i18n/vi.ts";

/** One entry of the side menu: a capability of DESIGN §3. */
export type ModuleEntry = {
  key: keyof Messages["menu"];
  icon: ReactNode;
  /** Route of the page; absent while the module is not built yet ("Sắp có"). */
  path?: string;
  /** Hidden from users without it. */
  permission?: Permission;
  /** Shown only to accounts linked to a cadre record. */
  needsOwnRecord?: boolean;
  /** Other paths whose pages belong to this entry (the menu shows it selected there too). */
  alsoUnder?: readonly string[];
};

export const MODULES: readonly ModuleEntry[] = [
  { key: "home", icon: <HomeOutlined />, path: "/" },
  // The indicator dashboard; its figures open /indicators/:code/people.
  {
    key: "dashboard",
    icon: <DashboardOutlined />,
    path: "/dashboard",
    permission: "indicators.read",
    alsoUnder: ["/indicators"],
  },
  // Accounts linked to a cadre record see it here (read-only).
  { key: "me", icon: <UserOutlined />, path: "/me", needsOwnRecord: true },
  { key: "units", icon: <ApartmentOutlined />, path: "/units" },
  { key: "cadres", icon: <TeamOutlined />, path: "/cadres", permission: "cadres.read" },
  // Sắp đến tuổi nghỉ hưu: the notice rule's list (DOMAIN §6).
  { key: "retiring", icon: <FieldTimeOutlined />, path: "/cadres/retiring", permission: "cadres.read" },
  { key: "posts", icon: <IdcardOutlined /> },
  { key: "decisions", icon: <FileDoneOutlined /> },
  { key: "evaluations", icon: <StarOutlined /> },
  { key: "training", icon: <ReadOutlined /> },
  { key: "planning", icon: <RiseOutlined /> },
  { key: "exams", icon: <TrophyOutlined /> },
  { key: "vetting", icon: <SafetyCertificateOutlined /> },
  { key: "inspections", icon: <AuditOutlined /> },
  { key: "discipline", icon: <WarningOutlined /> },
  { key: "documents", icon: <FileTextOutlined /> },
  {
    key: "indicatorCatalogue",
    icon: <UnorderedListOutlined />,
    path: "/indicators/catalogue",
    permission: "indicators.manage",
  },
  { key: "reports", icon: <FundOutlined /> },
  { key: "reorg", icon: <ClusterOutlined /> },
  { key: "portal", icon: <GlobalOutlined /> },
  { key: "imports", icon: <ImportOutlined />, path: "/cadres/import", permission: "cadres.import" },
  { key: "audit", icon: <HistoryOutlined />, path: "/audit", permission: "audit.read" },
  // Tài khoản: account management (the server allows it to the admin role only).
  { key: "accounts", icon: <UserSwitchOutlined />, path: "/accounts", permission: "users.manage" },
];

/** The module whose page is showing, for the menu's selection (the longest matching path wins). */
export function moduleKeyOf(pathname: string): string {
  const isUnder = (path: string) => path !== "/" && (pathname === path || pathname.startsWith(`${path}/`));
  const match = MODULES.flatMap((m) =>
    [m.path, ...(m.alsoUnder ?? [])].flatMap((path) => (path && isUnder(path) ? [{ key: m.key, path }] : [])),
  ).sort((a, b) => b.path.length - a.path.length);
  if (match[0]) return match[0].key;
  return pathname === "/" ? "home" : "";
}

/**
 * The menu in two parts: the working pages in their order, and what is not built yet ("Sắp có"), which
 * the menu folds into one closed group at the bottom so it does not push the working pages down.
 */
export function menuSections(entries: readonly ModuleEntry[]): {
  built: ModuleEntry[];
  comingSoon: ModuleEntry[];
} {
  return { built: entries.filter((m) => m.path), comingSoon: entries.filter((m) => !m.path) };
}
