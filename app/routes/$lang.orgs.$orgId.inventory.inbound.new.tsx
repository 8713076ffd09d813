import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { InboundForm } from "~/components/inventory/inbound-form";
import { pageTitle } from "~/components/meta";
import { requireManufacturer } from "~/modules/catalog/product-form.server";
import { formErrorReply, parseForm, readForm } from "~/modules/http/forms.server";
import { isUuid } from "~/modules/http/responses.server";
import { requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { createInbound, InboundError, inboundFormOptions, parseInboundForm } from "~/modules/inventory/inbound.server";

export const meta: MetaFunction = (args) => pageTitle(args, "inventory.inbound.new.title");

/** ?warehouseId=&sku=&quantity=&cartons= (the dashboard's "prepare shipment") fill the first line. */
function prefill(url: URL): Record<string, string> {
  const get = (key: string, pattern: RegExp) => {
    const value = url.searchParams.get(key)?.trim() ?? "";
    return pattern.test(value) ? value : "";
  };
  const values: Record<string, string> = {};
  const warehouseId = url.searchParams.get("warehouseId");
  if (isUuid(warehouseId)) values.warehouseId = warehouseId;
  const sku = get("sku", /^[A-Za-z0-9][A-Za-z0-9._\-/]{0,63}$/);
  if (sku) {
    values["line.0.sku"] = sku;
    values["line.0.quantity"] = get("quantity", /^\d{1,7}$/);
    values["line.0.cartons"] = get("cartons", /^\d{1,6}$/);
  }
  return values;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  return {
    base: `/${lang}/orgs/${context.organization.id}/inventory`,
    options: await inboundFormOptions(context.scoped, lang),
    values: prefill(new URL(request.url)),
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const form = await readForm(request, lang);
  const checked = await parseForm(request, z.object({ intent: z.literal("create") }), lang, form);
  if (!checked.ok) return checked.reply;
  const parsed = parseInboundForm(form);
  if (!parsed.ok) return formErrorReply(lang, form, parsed.fieldErrors, "inventory.inbound.form.fixBelow");
  try {
    const created = await createInbound(context.scoped, parsed.input, { userId: context.user.id });
    return redirect(`/${lang}/orgs/${context.organization.id}/inventory/inbound/${created.id}?created=1`);
  } catch (error) {
    if (!(error instanceof InboundError)) throw error;
    return formErrorReply(lang, form, { [parsed.fieldFor(error.field)]: serverT(lang)(error.messageKey, error.params) }, "inventory.inbound.form.fixBelow");
  }
}

type Reply = { formError?: string; fieldErrors?: Record<string, string>; values?: Record<string, string> };

export default function NewInbound() {
  const { t } = useTranslation();
  const { base, options, values } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  return (
    <div className="space-y-6">
      <nav className="text-sm">
        <Link to={`${base}/inbound`} className="link">
          ← {t("inventory.inbound.detail.back")}
        </Link>
      </nav>
      <header>
        <h2 className="text-2xl font-bold">{t("inventory.inbound.new.title")}</h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("inventory.inbound.intro")}</p>
      </header>
      <div className="card">
        <InboundForm
          key={reply?.values ? JSON.stringify(reply.values) : "new"}
          values={reply?.values ?? values}
          errors={reply?.fieldErrors ?? {}}
          formError={reply?.formError}
          options={options}
          intent="create"
          submitLabel={t("inventory.inbound.new.submit")}
          pendingLabel={t("inventory.inbound.new.saving")}
        />
      </div>
    </div>
  );
}
