import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormSuccess, type FormReply } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { ContactLeadForm } from "~/components/showrooms/leads/contact-form";
import { formErrorReply, parseForm, readForm } from "~/modules/http/forms.server";
import { notFound } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { buyerGate } from "~/modules/ordering/cart.server";
import { ContactLeadSchema, guestProblems } from "~/modules/showrooms/lead-schemas";
import { createContactLead, LeadError, presentContactPage, type ContactVisitor } from "~/modules/showrooms/leads.server";
import { readShowroomSource } from "~/modules/showrooms/source.server";
import { countryOptions } from "~/modules/tenancy/countries";
import { clientIp } from "~/modules/tenancy/session.server";

/**
 * The booth's contact form (GET /{lang}/showrooms/{slug}/contact?booth=A-01&product=slug) and where it posts, from
 * this page or from a booth page that embeds ContactLeadForm. A guest's lead needs the ticked consent; a signed-in
 * buyer writes as its company. Refusals are 4xx in the page's language with everything typed kept (but the box).
 */
export const meta: MetaFunction = (args) => [...pageTitle(args, "showrooms.leads.form.titleGeneric"), { name: "robots", content: "noindex" }];

async function visitorOf(request: Request): Promise<ContactVisitor | "not_buyer"> {
  const ip = clientIp(request);
  const gate = await buyerGate(request);
  if (gate.ok) return { kind: "buyer", ip, userId: gate.buyer.sessionUser.user.id, organizationId: gate.buyer.organization.id, countryCode: gate.buyer.organization.countryCode };
  return gate.reason === "notBuyer" ? "not_buyer" : { kind: "guest", ip };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const url = new URL(request.url);
  const page = await presentContactPage(params.slug ?? "", url.searchParams.get("booth"), url.searchParams.get("product"), lang);
  if (!page) notFound();
  const gate = await buyerGate(request);
  return {
    lang,
    ...page,
    countries: countryOptions(lang),
    signedInCompany: gate.ok ? gate.buyer.organization.name : null,
    notBuyer: !gate.ok && gate.reason === "notBuyer",
  };
}

type Reply = FormReply & { sent?: "guest" | "guestPhone" | "buyer" };

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const form = await readForm(request, lang);
  const parsed = await parseForm(request, ContactLeadSchema, lang, form);
  if (!parsed.ok) return parsed.reply;
  const visitor = await visitorOf(request);
  if (visitor === "not_buyer") return formErrorReply(lang, form, {}, "showrooms.leads.form.notBuyer", 403);
  if (visitor.kind === "guest") {
    const problems = guestProblems(parsed.data);
    if (Object.keys(problems).length > 0) return formErrorReply(lang, form, problems, "showrooms.leads.errors.fixBelow", 400);
  }
  try {
    const result = await createContactLead({ storefrontSlug: params.slug ?? "", form: parsed.data, locale: lang, visitor, source: await readShowroomSource(request) });
    return data<Reply>({ sent: visitor.kind === "buyer" ? "buyer" : result.emailed ? "guest" : "guestPhone" });
  } catch (error) {
    if (!(error instanceof LeadError)) throw error;
    if (error.code === "storefront_not_found") notFound();
    const field: Record<string, string> = error.code === "booth" ? { boothCode: `showrooms.leads.errors.booth` } : error.code === "product" ? { productSlug: "showrooms.leads.errors.product" } : {};
    return formErrorReply(lang, form, field, serverT(lang)(`showrooms.leads.errors.${error.code}`, error.params), error.status);
  }
}

export default function ContactPage() {
  const { t } = useTranslation();
  const page = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const title = page.makerName ? t("showrooms.leads.form.title", { maker: page.makerName }) : t("showrooms.leads.form.titleGeneric");
  return (
    <div className="mx-auto max-w-2xl px-4 py-8">
      <p className="text-sm">
        <Link to={`/${page.lang}/showrooms/${page.storefront.slug}`} className="link">
          {page.storefront.name}
        </Link>
      </p>
      <h1 className="mt-1 text-2xl font-bold sm:text-3xl">{title}</h1>
      {page.product ? <p className="mt-1 text-slate-700">{page.product.name}</p> : null}
      {reply?.sent ? (
        <div className="mt-6" data-testid="lead-sent">
          <FormSuccess>
            <strong className="block">{t("showrooms.leads.form.sentTitle")}</strong>
            {reply.sent === "guest" ? t("showrooms.leads.form.sentGuest") : reply.sent === "guestPhone" ? t("showrooms.leads.form.sentGuestPhone") : t("showrooms.leads.form.sentBuyer")}
          </FormSuccess>
          <Link to={`/${page.lang}/showrooms/${page.storefront.slug}`} className="link">
            {t("showrooms.leads.form.back")}
          </Link>
        </div>
      ) : page.notBuyer ? (
        <p className="card mt-6">{t("showrooms.leads.form.notBuyer")}</p>
      ) : (
        <div className="card mt-6">
          <p className="mb-4 text-slate-700">{t("showrooms.leads.form.intro")}</p>
          <ContactLeadForm
            lang={page.lang}
            storefrontSlug={page.storefront.slug}
            makerName={page.makerName}
            boothCode={page.boothCode}
            productSlug={page.product?.slug ?? null}
            booths={page.booths}
            countries={page.countries}
            signedInCompany={page.signedInCompany}
            reply={reply}
          />
        </div>
      )}
    </div>
  );
}
