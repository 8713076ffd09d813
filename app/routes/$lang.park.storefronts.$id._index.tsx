import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, FormSuccess, SubmitButton } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { StorefrontForm } from "~/components/showrooms/console/storefront-form";
import { BRAND_LOGO_UPLOAD } from "~/modules/catalog/images.server";
import { formErrorReply, parseForm, readForm } from "~/modules/http/forms.server";
import { readMultipart } from "~/modules/http/multipart.server";
import { notFound } from "~/modules/http/responses.server";
import { formatDateTime } from "~/modules/i18n/format";
import { LANGS, requireLang } from "~/modules/i18n/config";
import { serverT } from "~/modules/i18n/i18n.server";
import { consoleErrorReply } from "~/modules/showrooms/console-replies.server";
import { requireOwnStorefront, requireParkOperator } from "~/modules/showrooms/operator-scope.server";
import { openingHoursByDay, perLanguage, StorefrontFormSchema } from "~/modules/showrooms/storefront-schemas";
import { addHeroImage, changeStorefrontStatus, deleteHeroImage, publishProblems, storefrontForEdit, updateStorefront } from "~/modules/showrooms/storefronts.server";

export const meta: MetaFunction = (args) => pageTitle(args, "showrooms.console.details.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireParkOperator(request, lang);
  const own = await requireOwnStorefront(context, params.id);
  const storefront = await storefrontForEdit(context.operator, own.id);
  if (!storefront) notFound();
  const problems = storefront.status === "DRAFT" ? await publishProblems(context.operator, own) : [];
  return { lang, storefront, problems, created: new URL(request.url).searchParams.get("created") === "1" };
}

const IntentSchema = z.object({ intent: z.enum(["save", "publish", "unpublish", "archive", "restore", "addImage", "deleteImage"]), imageId: z.uuid().optional(), imageLocale: z.enum([...LANGS, "all"]).optional() });

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireParkOperator(request, lang);
  const storefront = await requireOwnStorefront(context, params.id);
  let form: FormData;
  if ((request.headers.get("Content-Type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    // One hero image at a time, up to the catalog's image size.
    const upload = await readMultipart(request, BRAND_LOGO_UPLOAD);
    if (!upload.ok) return formErrorReply(lang, new FormData(), {}, upload.error === "unreadable" ? "errors.form.unreadable" : serverT(lang)("console.images.errors.too_large", { file: "" }), upload.status);
    form = upload.form;
  } else {
    form = await readForm(request, lang);
  }
  const checked = await parseForm(request, IntentSchema, lang, form);
  if (!checked.ok) return checked.reply;
  const { intent } = checked.data;
  try {
    if (intent === "save") {
      const parsed = await parseForm(request, StorefrontFormSchema, lang, form);
      if (!parsed.ok) return parsed.reply;
      await updateStorefront(context.operator, storefront.id, parsed.data);
      return { ok: true as const, intent };
    }
    if (intent === "addImage") {
      const file = form.get("image");
      if (!file || typeof file !== "object" || !("arrayBuffer" in file) || file.size === 0) return formErrorReply(lang, form, {}, "console.images.errors.no_file");
      const locale = checked.data.imageLocale && checked.data.imageLocale !== "all" ? checked.data.imageLocale : null;
      const added = await addHeroImage(context.operator, storefront.id, { data: new Uint8Array(await file.arrayBuffer()), name: file.name }, { locale, alt: perLanguage(Object.fromEntries(form), "alt") });
      if (!added) notFound();
      return { ok: true as const, intent };
    }
    if (intent === "deleteImage") {
      if (!checked.data.imageId || !(await deleteHeroImage(context.operator, storefront.id, checked.data.imageId))) notFound();
      return { ok: true as const, intent };
    }
    await changeStorefrontStatus(context.operator, storefront.id, intent);
    return { ok: true as const, intent };
  } catch (error) {
    return consoleErrorReply(error, lang, form);
  }
}

export default function StorefrontDetails() {
  const { t } = useTranslation();
  const { lang, storefront, problems, created } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const done = reply && "ok" in reply ? reply.intent : null;
  const failed = reply && !("ok" in reply) ? reply : null;
  const statusFailed = failed && !failed.values?.slug ? failed : null;
  return (
    <div className="space-y-8">
      {created ? <FormSuccess>{t("showrooms.console.details.created")}</FormSuccess> : null}
      {done ? <FormSuccess>{t(`showrooms.console.details.done.${done}`)}</FormSuccess> : null}

      <section className="card" aria-labelledby="publishing">
        <h2 id="publishing" className="text-lg font-semibold">
          {t("showrooms.console.details.publishing")}
        </h2>
        {statusFailed?.formError ? <FormError reply={statusFailed} /> : null}
        <p className="mt-1 text-sm text-slate-700">{t(`showrooms.console.details.statusHelp.${storefront.status}`)}</p>
        {storefront.publishedAt && storefront.status === "PUBLISHED" ? <p className="mt-1 text-sm text-slate-600">{t("showrooms.console.details.publishedAt", { date: formatDateTime(storefront.publishedAt, lang) })}</p> : null}
        {storefront.status === "DRAFT" && problems.length ? (
          <div className="mt-3 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">
            <p className="font-medium">{t("showrooms.console.errors.publish.intro")}</p>
            <ul className="mt-1 list-inside list-disc">
              {problems.map((p, i) => (
                <li key={i}>{p.kind === "noManufacturer" ? t("showrooms.console.errors.publish.noManufacturer") : t(`showrooms.console.errors.publish.${p.kind}`, { language: t(`showrooms.console.languages.${p.lang}`) })}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <Form method="post" className="mt-4 flex flex-wrap gap-3">
          <CsrfInput />
          {storefront.status === "DRAFT" ? (
            <SubmitButton name="intent" value="publish" pendingLabel={t("showrooms.console.saving")}>
              {t("showrooms.console.details.publish")}
            </SubmitButton>
          ) : null}
          {storefront.status === "PUBLISHED" ? (
            <SubmitButton name="intent" value="unpublish" className="btn-secondary" pendingLabel={t("showrooms.console.saving")}>
              {t("showrooms.console.details.unpublish")}
            </SubmitButton>
          ) : null}
          {storefront.status !== "ARCHIVED" ? (
            <SubmitButton name="intent" value="archive" className="btn-secondary" pendingLabel={t("showrooms.console.saving")}>
              {t("showrooms.console.details.archive")}
            </SubmitButton>
          ) : (
            <SubmitButton name="intent" value="restore" className="btn-secondary" pendingLabel={t("showrooms.console.saving")}>
              {t("showrooms.console.details.restore")}
            </SubmitButton>
          )}
        </Form>
      </section>

      <section className="card" aria-labelledby="hero-images">
        <h2 id="hero-images" className="text-lg font-semibold">
          {t("showrooms.console.images.title")}
        </h2>
        <p className="mt-1 text-sm text-slate-700">{t("showrooms.console.images.intro")}</p>
        {storefront.images.length === 0 ? (
          <p className="mt-3 text-sm text-slate-600">{t("showrooms.console.images.empty")}</p>
        ) : (
          <ul className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
            {storefront.images.map((image) => (
              <li key={image.id} className="min-w-0">
                <img src={image.url} alt={image.alt[lang] ?? ""} width={image.width} height={image.height} className="aspect-video w-full rounded-md border border-slate-200 object-cover" loading="lazy" />
                <p className="mt-1 text-xs text-slate-700">{image.locale ? t(`showrooms.console.languages.${image.locale}`) : t("showrooms.console.images.allLanguages")}</p>
                <Form method="post">
                  <CsrfInput />
                  <input type="hidden" name="imageId" value={image.id} />
                  <button type="submit" name="intent" value="deleteImage" className="text-sm text-red-700 underline">
                    {t("showrooms.console.images.delete")}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        )}
        <Form method="post" encType="multipart/form-data" className="mt-4 grid gap-3 sm:grid-cols-[1fr_auto_auto] sm:items-end">
          <CsrfInput />
          <input type="hidden" name="intent" value="addImage" />
          <div className="min-w-0">
            <label htmlFor="hero-image" className="label">
              {t("showrooms.console.images.file")}
            </label>
            <input id="hero-image" name="image" type="file" accept="image/jpeg,image/png,image/webp" className="block w-full text-sm" required />
          </div>
          <div>
            <label htmlFor="hero-image-locale" className="label">
              {t("showrooms.console.images.language")}
            </label>
            <select id="hero-image-locale" name="imageLocale" className="input" defaultValue="all">
              <option value="all">{t("showrooms.console.images.allLanguages")}</option>
              {LANGS.map((l) => (
                <option key={l} value={l}>
                  {t(`showrooms.console.languages.${l}`)}
                </option>
              ))}
            </select>
          </div>
          <SubmitButton pendingLabel={t("showrooms.console.images.uploading")} className="btn-secondary">
            {t("showrooms.console.images.upload")}
          </SubmitButton>
        </Form>
      </section>

      <section aria-labelledby="edit-details">
        <h2 id="edit-details" className="mb-4 text-xl font-semibold">
          {t("showrooms.console.details.title")}
        </h2>
        <StorefrontForm
          reply={failed && failed.values?.slug !== undefined ? failed : null}
          submitLabel={t("showrooms.console.details.save")}
          values={{
            slug: storefront.slug,
            languages: storefront.languages,
            name: storefront.name,
            heroTitle: storefront.heroTitle,
            heroText: storefront.heroText,
            addressLine1: storefront.addressLine1,
            city: storefront.city,
            countryCode: storefront.countryCode,
            postalCode: storefront.postalCode,
            timeZone: storefront.timeZone,
            planWidth: storefront.planWidth,
            planHeight: storefront.planHeight,
            hours: openingHoursByDay(storefront.openingHours),
          }}
        />
      </section>
    </div>
  );
}
