import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { columnsShowingErrors, ProductForm } from "~/components/console/product-form";
import { pageTitle } from "~/components/meta";
import { initialColumns, parseProductForm, productFormOptions, requireManufacturer } from "~/modules/catalog/product-form.server";
import { createProduct, ProductSaveError } from "~/modules/catalog/products.server";
import { formErrorReply, parseForm, readForm } from "~/modules/http/forms.server";
import { isLang, requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";

export const meta: MetaFunction = (args) => pageTitle(args, "console.create.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const url = new URL(request.url);
  const source = url.searchParams.get("source");
  // Zhuhai manufacturers mostly write in Chinese; the page's language is the next best guess.
  const sourceLocale = isLang(source) ? source : lang;
  return {
    lang,
    organizationId: context.organization.id,
    options: await productFormOptions(context.scoped, lang),
    columns: initialColumns(url, sourceLocale, lang),
    values: { sourceLocale, originCountry: "CN", currencyCode: "USD", incoterm: "FOB", unitOfSale: "PIECE", packSize: "1", leadTimeDays: "15" } as Record<string, string>,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const form = await readForm(request, lang);
  const checked = await parseForm(request, z.object({ intent: z.literal("save") }), lang, form);
  if (!checked.ok) return checked.reply;
  // A new product is a draft: a name is enough to save it; publishing asks for the trade data.
  const parsed = parseProductForm(form, lang, { draft: true });
  if (!parsed.ok) return formErrorReply(lang, form, parsed.fieldErrors, "console.form.fixBelow");
  try {
    const created = await createProduct(context.scoped, parsed.input, { userId: context.user.id });
    return redirect(`/${lang}/orgs/${context.organization.id}/products/${created.id}?created=1`);
  } catch (error) {
    if (!(error instanceof ProductSaveError)) throw error;
    return formErrorReply(lang, form, { [parsed.fieldFor(error.field)]: serverT(lang)(error.messageKey, error.params) }, "console.form.fixBelow");
  }
}

export default function NewProduct() {
  const { t } = useTranslation();
  const { lang, organizationId, options, columns, values } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const fieldErrors = reply?.fieldErrors ?? {};
  const base = `/${lang}/orgs/${organizationId}`;
  return (
    <div className="space-y-6">
      <nav aria-label={t("console.edit.breadcrumb")} className="text-sm">
        <Link to={`${base}/products`} className="link">
          ← {t("console.list.title")}
        </Link>
      </nav>
      <header>
        <h2 className="text-2xl font-bold">{t("console.create.title")}</h2>
        <p className="mt-1 text-sm text-slate-600">{t("console.create.intro")}</p>
        {options.brands.length === 0 ? (
          <p className="mt-1 text-sm text-slate-600">
            <Link to={`${base}/brands`} className="link">
              {t("console.create.addBrandFirst")}
            </Link>
          </p>
        ) : null}
      </header>
      <ProductForm
        values={reply?.values ?? values}
        errors={fieldErrors}
        formError={reply?.formError}
        options={options}
        columns={columnsShowingErrors(columns, fieldErrors)}
        columnsAction={`${base}/products/new`}
        submitLabel={t("console.create.submit")}
        pendingLabel={t("common.saving")}
      />
    </div>
  );
}
