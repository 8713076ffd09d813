import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, useLocation, useMatches, useRouteLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import type { ReactNode } from "react";
import { I18nProvider, useBundleMessages } from "~/components/i18n-provider";
import { useNonce } from "~/components/nonce";
import { GeneralErrorPage } from "~/components/error-page";
import { env } from "~/modules/config/env.server";
import { isLang, LANGS, LOCALE_TAGS, pathInLang, type Lang } from "~/modules/i18n/config";
import { detectLang } from "~/modules/i18n/i18n.server";
import { isOrganizationArea } from "~/modules/i18n/areas";
import { setBrowserViewer, textLanguage, UNKNOWN_VIEWER } from "~/modules/i18n/locale";
import { requestViewer } from "~/modules/i18n/viewer.server";
import { bundleRef } from "~/modules/i18n/message-bundles.server";
import { csrfTokenFromCookieHeader } from "~/modules/security/csrf.server";
import { countUnreadNotifications } from "~/modules/ordering/notifications-inbox.server";
import { listMyMemberships } from "~/modules/tenancy/organizations.server";
import { getSessionUser } from "~/modules/tenancy/session.server";
import stylesheet from "~/tailwind.css";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const sessionUser = await getSessionUser(request);
  const lang: Lang = isLang(params.lang) ? params.lang : await detectLang(request, sessionUser?.user.locale);
  const memberships = sessionUser ? await listMyMemberships(sessionUser.user.id) : [];
  // The header's bell: one indexed count, only for signed-in visitors.
  const unreadNotifications = sessionUser ? await countUnreadNotifications(sessionUser.user.id, memberships.map((m) => m.organization.id)) : 0;
  // Who reads (country, Portuguese variant, time zone): resolved by the HTTP app before any loader ran, and handed
  // to the browser so that hydration formats numbers, money and dates exactly as the server did.
  const viewer = requestViewer();
  return {
    lang,
    viewer,
    // The interface strings travel as a cached script of their own (message-bundles.server.ts), not in this data.
    messagesBundle: bundleRef(textLanguage(lang, viewer), new URL(request.url).pathname),
    csrfToken: csrfTokenFromCookieHeader(request.headers.get("Cookie")) ?? "",
    appUrl: env().APP_URL,
    isProduction: env().isProduction,
    user: sessionUser?.user ?? null,
    activeOrganizationId: sessionUser?.activeOrganizationId ?? null,
    memberships: memberships.map(({ role, organization: { id, name, kind, countryCode, verificationStatus } }) => ({ role, id, name, kind, countryCode, verificationStatus })),
    unreadNotifications,
  };
}

export type RootData = Awaited<ReturnType<typeof loader>>;

// The language lives in the URL, and so does the area: a change of either must reload the root's messages.
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentParams, nextParams, currentUrl, nextUrl, defaultShouldRevalidate }) =>
  currentParams.lang !== nextParams.lang || isOrganizationArea(currentUrl.pathname) !== isOrganizationArea(nextUrl.pathname) || defaultShouldRevalidate;

export function useRootData() {
  return useRouteLoaderData<typeof loader>("root");
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRootData();
  const nonce = useNonce();
  const location = useLocation();
  const lang: Lang = data?.lang ?? "en";
  const viewer = data?.viewer ?? UNKNOWN_VIEWER;
  // Before anything below renders: the browser's formatters read the viewer the server formatted for (locale.ts).
  setBrowserViewer(viewer);
  const appUrl = data?.appUrl ?? "";
  const messages = useBundleMessages(data?.messagesBundle);
  // A page presented in only some languages (a showroom storefront) names them in its handle: hreflang lists those.
  const alternates = alternateLangsOf(useMatches()) ?? LANGS;
  return (
    <html lang={textLanguage(lang, viewer) === "pt-PT" ? "pt-PT" : LOCALE_TAGS[lang]} dir="ltr">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        {isLang(location.pathname.split("/")[1])
          ? [
              ...alternates.map((l) => <link key={l} rel="alternate" hrefLang={LOCALE_TAGS[l]} href={appUrl + pathInLang(location.pathname, l)} />),
              <link key="x-default" rel="alternate" hrefLang="x-default" href={appUrl + pathInLang(location.pathname, alternates.includes("en") ? "en" : alternates[0]!)} />,
            ]
          : null}
        <Links />
      </head>
      <body className="min-h-screen">
        <I18nProvider lang={textLanguage(lang, viewer)} messages={messages}>
          {children}
        </I18nProvider>
        {/* Blocking on purpose, after the content: the app's (async) scripts must find the strings when they run. */}
        {data?.messagesBundle ? <script src={data.messagesBundle.src} nonce={nonce} /> : null}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

function alternateLangsOf(matches: ReturnType<typeof useMatches>): readonly Lang[] | null {
  for (const match of [...matches].reverse()) {
    const pick = (match.handle as { alternateLangs?: (data: unknown) => Lang[] | undefined } | undefined)?.alternateLangs;
    const langs = pick?.(match.data)?.filter((l) => LANGS.includes(l));
    if (langs?.length) return langs;
  }
  return null;
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  return <GeneralErrorPage />;
}
