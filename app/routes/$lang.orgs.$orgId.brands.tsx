import {
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { IntentButton } from "~/components/console/intent-button";
import { CsrfInput, FormError, FormSuccess, type FormReply } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { BrandInputSchema, createBrand, deleteBrand, listBrands, removeBrandLogo, updateBrand } from "~/modules/catalog/brands.server";
import { BRAND_LOGO_UPLOAD, ImageUploadError, imageUrl, type UploadedFile } from "~/modules/catalog/images.server";
import { requireManufacturer } from "~/modules/catalog/product-form.server";
import { formErrorReply, parseForm, readForm } from "~/modules/http/forms.server";
import { readMultipart } from "~/modules/http/multipart.server";
import { notFound } from "~/modules/http/responses.server";
import { LANG_NAMES, LANGS, requireLang, type Lang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";

export const meta: MetaFunction = (args) => pageTitle(args, "console.brands.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const brands = await listBrands(context.scoped);
  return {
    lang,
    organizationId: context.organization.id,
    brands: brands.map((b) => ({ ...b, logoUrl: b.logoKey ? imageUrl(b.logoKey, 160) : null })),
  };
}

const IntentSchema = z.object({ intent: z.enum(["create", "update", "delete", "removeLogo"]), brandId: z.uuid().optional() });

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const t = serverT(lang);
  let form: FormData;
  if ((request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    const upload = await readMultipart(request, BRAND_LOGO_UPLOAD);
    if (!upload.ok) {
      const message = upload.error === "unreadable" ? t("errors.form.unreadable") : t("console.images.errors.too_large", { file: "" });
      return formErrorReply(lang, new FormData(), {}, message, upload.status);
    }
    form = upload.form;
  } else {
    form = await readForm(request, lang);
  }
  const checked = await parseForm(request, IntentSchema, lang, form);
  if (!checked.ok) return checked.reply;
  const { intent, brandId } = checked.data;

  if (intent === "delete" || intent === "removeLogo") {
    if (!brandId) notFound();
    const done = intent === "delete" ? await deleteBrand(context.scoped, brandId) : await removeBrandLogo(context.scoped, brandId);
    if (!done) notFound();
    return { ok: true as const, intent };
  }

  const story: Partial<Record<Lang, string>> = Object.fromEntries(LANGS.map((l) => [l, String(form.get(`story.${l}`) ?? "")]));
  const input = BrandInputSchema.safeParse({ name: form.get("name") ?? "", story });
  if (!input.success) {
    return formErrorReply(lang, form, Object.fromEntries(input.error.issues.map((i) => [i.path.map(String).join("."), i.message])));
  }
  const file = form.get("logo");
  let logo: UploadedFile | null = null;
  if (file && typeof file === "object" && "arrayBuffer" in file && file.size > 0) logo = { data: new Uint8Array(await file.arrayBuffer()), name: file.name };
  try {
    const result = intent === "create" ? await createBrand(context.scoped, input.data, logo) : brandId ? await updateBrand(context.scoped, brandId, input.data, logo) : null;
    if (!result) notFound();
    if (!result.ok) return formErrorReply(lang, form, { name: `console.brands.errors.${result.error}` });
    return { ok: true as const, intent };
  } catch (error) {
    if (!(error instanceof ImageUploadError)) throw error;
    return formErrorReply(lang, form, { logo: t(error.messageKey, { file: error.fileName ?? "", max: 1 }) });
  }
}

type Reply = FormReply & { ok?: boolean; intent?: string };

function BrandFields({ reply, brand, prefix }: { reply: Reply | null; brand?: { name: string; story: Partial<Record<Lang, string>>; logoUrl: string | null }; prefix: string }) {
  const { t } = useTranslation();
  const id = useId();
  const value = (name: string, fallback: string) => reply?.values?.[name] ?? fallback;
  const error = (name: string) => reply?.fieldErrors?.[name];
  return (
    <div className="space-y-4">
      <div>
        <label htmlFor={`${id}-name`} className="label">
          {t("console.brands.name")}
        </label>
        <input id={`${id}-name`} name="name" defaultValue={value("name", brand?.name ?? "")} className="input" maxLength={80} aria-invalid={error("name") ? true : undefined} aria-describedby={error("name") ? `${id}-name-error` : undefined} data-testid={`${prefix}-name`} />
        {error("name") ? (
          <p id={`${id}-name-error`} className="mt-1 text-sm text-red-700">
            {error("name")}
          </p>
        ) : null}
      </div>
      <fieldset>
        <legend className="label">{t("console.brands.story")}</legend>
        <div className="grid gap-3 md:grid-cols-2">
          {LANGS.map((l) => (
            <div key={l}>
              <label htmlFor={`${id}-story-${l}`} className="text-xs font-medium text-slate-700">
                {LANG_NAMES[l]}
              </label>
              <textarea id={`${id}-story-${l}`} name={`story.${l}`} defaultValue={value(`story.${l}`, brand?.story[l] ?? "")} rows={3} maxLength={2000} className="input" lang={l === "zh" ? "zh-CN" : l} />
              {error(`story.${l}`) ? <p className="mt-1 text-sm text-red-700">{error(`story.${l}`)}</p> : null}
            </div>
          ))}
        </div>
      </fieldset>
      <div>
        <label htmlFor={`${id}-logo`} className="label">
          {brand?.logoUrl ? t("console.brands.replaceLogo") : t("console.brands.logo")}
        </label>
        <input id={`${id}-logo`} name="logo" type="file" accept="image/jpeg,image/png,image/webp" className="block w-full text-sm" aria-invalid={error("logo") ? true : undefined} aria-describedby={`${id}-logo-help`} />
        <p id={`${id}-logo-help`} className={`mt-1 text-xs ${error("logo") ? "text-red-700" : "text-slate-600"}`}>
          {error("logo") ?? t("console.images.types")}
        </p>
      </div>
    </div>
  );
}

export default function Brands() {
  const { t } = useTranslation();
  const { brands } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const failedIntent = reply && !reply.ok ? reply.values?.intent : undefined;
  const failedBrand = reply && !reply.ok ? reply.values?.brandId : undefined;
  return (
    <div className="grid gap-8 lg:grid-cols-3">
      <section className="space-y-4 lg:col-span-2" aria-labelledby="brands-title">
        <h2 id="brands-title" className="text-2xl font-bold">
          {t("console.brands.title")}
        </h2>
        <p className="text-sm text-slate-600">{t("console.brands.intro")}</p>
        {reply?.ok ? <FormSuccess>{t(`console.brands.done.${reply.intent}`)}</FormSuccess> : null}
        {reply && !reply.ok && !failedIntent ? <FormError reply={reply} /> : null}
        {brands.length === 0 ? (
          <p className="card border-dashed text-center text-sm text-slate-700" data-testid="brands-empty">
            {t("console.brands.empty")}
          </p>
        ) : (
          <ul className="space-y-4" data-testid="brand-list">
            {brands.map((brand) => (
              <li key={brand.id} className="card" data-testid="brand-item">
                <div className="flex items-start gap-4">
                  {brand.logoUrl ? (
                    <img src={brand.logoUrl} alt={t("console.brands.logoOf", { name: brand.name })} width={64} height={64} className="h-16 w-16 rounded border border-slate-200 object-contain" />
                  ) : (
                    <div className="flex h-16 w-16 items-center justify-center rounded border border-dashed border-slate-300 text-xl font-bold text-slate-400" aria-hidden="true">
                      {brand.name.slice(0, 1)}
                    </div>
                  )}
                  <div className="min-w-0 flex-1">
                    <h3 className="text-lg font-semibold">{brand.name}</h3>
                    <p className="text-xs text-slate-600">{t("console.brands.productCount", { count: brand.productCount })}</p>
                    <p className="mt-1 flex flex-wrap gap-1 text-xs">
                      {LANGS.map((l) => (
                        <span key={l} className={`rounded border px-1.5 py-0.5 ${brand.story[l] ? "border-emerald-300 bg-emerald-50 text-emerald-800" : "border-slate-200 text-slate-500"}`}>
                          {l.toUpperCase()} {brand.story[l] ? "✓" : t("console.completeness.missing")}
                        </span>
                      ))}
                    </p>
                  </div>
                </div>
                <details className="mt-4" open={failedBrand === brand.id}>
                  <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("console.brands.edit")}</summary>
                  <Form method="post" encType="multipart/form-data" className="mt-4 space-y-4">
                    <CsrfInput />
                    <input type="hidden" name="brandId" value={brand.id} />
                    {failedBrand === brand.id ? <FormError reply={reply} /> : null}
                    <BrandFields reply={failedBrand === brand.id ? (reply ?? null) : null} brand={brand} prefix={`brand-${brand.id}`} />
                    <IntentButton intent="update" match={{ brandId: brand.id }} pendingLabel={t("common.saving")}>
                      {t("common.save")}
                    </IntentButton>
                  </Form>
                  <div className="mt-3 flex flex-wrap gap-2 border-t border-slate-200 pt-3">
                    {brand.logoUrl ? (
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="brandId" value={brand.id} />
                        <IntentButton intent="removeLogo" match={{ brandId: brand.id }} pendingLabel={t("common.saving")} className="btn-secondary text-xs">
                          {t("console.brands.removeLogo")}
                        </IntentButton>
                      </Form>
                    ) : null}
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="brandId" value={brand.id} />
                      <IntentButton intent="delete" match={{ brandId: brand.id }} pendingLabel={t("console.brands.deleting")} className="btn-danger text-xs">
                        {t("console.brands.delete")}
                      </IntentButton>
                    </Form>
                    <p className="basis-full text-xs text-slate-600">{t("console.brands.deleteHelp")}</p>
                  </div>
                </details>
              </li>
            ))}
          </ul>
        )}
      </section>
      <aside className="card h-fit" aria-labelledby="new-brand-title">
        <h2 id="new-brand-title" className="text-lg font-semibold">
          {t("console.brands.new")}
        </h2>
        <Form method="post" encType="multipart/form-data" className="mt-4 space-y-4">
          <CsrfInput />
          {failedIntent === "create" ? <FormError reply={reply} /> : null}
          <BrandFields key={reply?.ok && reply.intent === "create" ? brands.length : "new"} reply={failedIntent === "create" ? (reply ?? null) : null} prefix="new-brand" />
          <IntentButton intent="create" pendingLabel={t("common.creating")}>
            {t("console.brands.create")}
          </IntentButton>
        </Form>
      </aside>
    </div>
  );
}
