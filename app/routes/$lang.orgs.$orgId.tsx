import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { useOrganizationLiveUpdates } from "~/components/realtime";
import { requireLang } from "~/modules/i18n/config";
import { requireOrganization } from "~/modules/tenancy/access.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireOrganization(request, lang, params.orgId);
  return { lang, organization: context.organization, role: context.membership.role };
}

export default function OrganizationLayout() {
  const { t } = useTranslation();
  const { lang, organization, role } = useLoaderData<typeof loader>();
  useOrganizationLiveUpdates(organization.id);
  const base = `/${lang}/orgs/${organization.id}`;
  const tab = ({ isActive }: { isActive: boolean }) =>
    `whitespace-nowrap border-b-2 px-1 pb-3 text-sm font-medium focus-visible:outline-offset-[-2px] ${isActive ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`;
  return (
    <div className="mx-auto max-w-6xl px-4 py-8">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-3xl font-bold" data-testid="organization-name">
          {organization.name}
        </h1>
        <p className="text-sm text-slate-600">
          {t(`organizationKinds.${organization.kind}`)} · {t(`roles.${role}`)}
        </p>
      </div>
      <nav aria-label={t("organizations.nav")} className="mt-6 flex gap-6 overflow-x-auto border-b border-slate-200">
        <NavLink end to={base} className={tab}>
          {t("organizations.tabs.dashboard")}
        </NavLink>
        {organization.kind === "MANUFACTURER" ? (
          <>
            <NavLink to={`${base}/products`} className={tab}>
              {t("console.tabs.products")}
            </NavLink>
            <NavLink to={`${base}/brands`} className={tab}>
              {t("console.tabs.brands")}
            </NavLink>
            <NavLink to={`${base}/inventory`} className={tab}>
              {t("inventory.tab")}
            </NavLink>
          </>
        ) : null}
        {organization.kind === "PLATFORM" ? (
          <NavLink to={`${base}/warehouses`} className={tab}>
            {t("warehouse.tab")}
          </NavLink>
        ) : null}
        <NavLink to={`${base}/members`} className={tab}>
          {t("organizations.tabs.members")}
        </NavLink>
        <NavLink to={`${base}/settings`} className={tab}>
          {t("organizations.tabs.settings")}
        </NavLink>
      </nav>
      <div className="mt-8">
        <Outlet />
      </div>
    </div>
  );
}
