import type { LoaderFunctionArgs } from "@remix-run/node";
import { Outlet } from "@remix-run/react";
import { GeneralErrorPage } from "~/components/error-page";
import { SiteHeader } from "~/components/site-header";
import { SiteFooter } from "~/components/site-footer";
import { requireLang } from "~/modules/i18n/config";
import { useRootData } from "~/root";

export function loader({ params }: LoaderFunctionArgs) {
  requireLang(params);
  return null;
}

function Shell({ children }: { children: React.ReactNode }) {
  const root = useRootData();
  return (
    <div className="flex min-h-screen flex-col">
      {root ? <SiteHeader root={root} /> : null}
      <main id="main" className="flex-1">
        {children}
      </main>
      <SiteFooter />
    </div>
  );
}

export default function LangLayout() {
  return (
    <Shell>
      <Outlet />
    </Shell>
  );
}

export function ErrorBoundary() {
  return (
    <Shell>
      <GeneralErrorPage />
    </Shell>
  );
}
