import {
  redirect,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CompletenessChips, ProductStatusBadge } from "~/components/console/badges";
import { IntentButton } from "~/components/console/intent-button";
import { PriceHistory } from "~/components/console/price-history";
import { columnsShowingErrors, ProductForm } from "~/components/console/product-form";
import { ProductImages } from "~/components/console/product-images";
import { CsrfInput, FormSuccess } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { addProductImages, deleteProductImage, ImageUploadError, imageUrl, MAX_FILES_PER_UPLOAD, MAX_IMAGE_BYTES, MAX_IMAGES_PER_PRODUCT, moveProductImage, PRODUCT_IMAGE_UPLOAD, updateImageAlt } from "~/modules/catalog/images.server";
import { initialColumns, parseProductForm, productFormOptions, productToFormValues, requireManufacturer } from "~/modules/catalog/product-form.server";
import { completenessOf, duplicateProduct, getProductForEdit, isVerifiedMaker, listPriceChanges, ProductSaveError, publishProblems, setProductStatus, updateProduct } from "~/modules/catalog/products.server";
import { publishReply } from "~/modules/catalog/publish-reply.server";
import { PublishConfirm, PublishProblems } from "~/components/trust/publish-notices";
import { formErrorReply, parseForm, readForm } from "~/modules/http/forms.server";
import { readMultipart } from "~/modules/http/multipart.server";
import { notFound, requireUuid } from "~/modules/http/responses.server";
import { LANGS, requireLang, type Lang } from "~/modules/i18n/config";
import { formatDateTime, formatNumber } from "~/modules/i18n/format";
import { serverT } from "~/modules/i18n/i18n.server";
import { CURRENCIES } from "~/modules/money/currencies";
import { formatMoney } from "~/modules/money/money";

export const meta: MetaFunction = (args) => pageTitle(args, "console.edit.title");

function money(amountMinor: bigint | string, currencyCode: string, lang: Lang): string {
  const currency = CURRENCIES.find((c) => c.code === currencyCode.trim());
  if (!currency) return `${amountMinor} ${currencyCode}`;
  return formatMoney({ amountMinor: BigInt(amountMinor), currency }, lang);
}

function fileSize(bytes: number, lang: Lang): string {
  return bytes >= 1024 * 1024 ? `${formatNumber(bytes / 1024 / 1024, lang, { maximumFractionDigits: 1 })} MB` : `${formatNumber(Math.ceil(bytes / 1024), lang)} KB`;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const productId = requireUuid(params.productId);
  const product = await getProductForEdit(context.scoped, productId);
  if (!product) notFound();
  const t = serverT(lang);
  const [options, changes, verified] = await Promise.all([productFormOptions(context.scoped, lang), listPriceChanges(context.scoped, productId), isVerifiedMaker(context.scoped, context.organization.id)]);
  const shownName = product.translations.find((tr) => tr.locale === lang && tr.name) ?? product.translations.find((tr) => tr.locale === product.sourceLocale) ?? product.translations[0];
  const tierLine = (tier: { minQuantity: number; unitPriceMinor: string; currencyCode: string }) =>
    t("console.history.tierLine", { quantity: formatNumber(tier.minQuantity, lang), price: money(tier.unitPriceMinor, tier.currencyCode, lang) });
  return {
    lang,
    organizationId: context.organization.id,
    product: {
      id: product.id,
      slug: product.slug,
      status: product.status,
      name: shownName?.name ?? product.slug,
      updatedAt: product.updatedAt.toISOString(),
      updated: formatDateTime(product.updatedAt, lang),
      published: product.publishedAt ? formatDateTime(product.publishedAt, lang) : null,
    },
    values: productToFormValues(product),
    options,
    columns: initialColumns(new URL(request.url), product.sourceLocale, lang),
    completeness: completenessOf(product),
    problems: publishProblems(product, verified).map((p) => t(`console.publish.problems.${p}`)),
    verificationHref: verified ? null : `/${lang}/orgs/${context.organization.id}/settings#verification`,
    images: product.images.map((image) => ({
      id: image.id,
      thumbnailUrl: imageUrl(image.storageKey, 160),
      previewUrl: imageUrl(image.storageKey, 1200),
      alt: (image.alt ?? {}) as Partial<Record<Lang, string>>,
      width: image.width,
      height: image.height,
      size: fileSize(image.bytes, lang),
    })),
    limits: { maxImages: MAX_IMAGES_PER_PRODUCT, maxMegabytes: MAX_IMAGE_BYTES / 1024 / 1024 },
    history: changes.map((c) => ({ id: c.id, date: formatDateTime(c.createdAt, lang), by: c.changedBy, before: c.before.map(tierLine), after: c.after.map(tierLine) })),
  };
}

const STATUS_INTENTS = ["publish", "unpublish", "duplicate"] as const;
const IMAGE_INTENTS = ["alt", "move", "deleteImage"] as const;
const IntentSchema = z.object({ intent: z.enum(["save", ...STATUS_INTENTS, ...IMAGE_INTENTS]) });
const ImageSchema = z.object({ intent: z.enum(IMAGE_INTENTS), imageId: z.uuid(), direction: z.enum(["up", "down"]).optional() });

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireManufacturer(request, lang, params.orgId);
  const productId = requireUuid(params.productId);
  const t = serverT(lang);
  const base = `/${lang}/orgs/${context.organization.id}/products`;

  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    const upload = await readMultipart(request, PRODUCT_IMAGE_UPLOAD);
    if (!upload.ok) {
      const echo = new FormData();
      echo.set("intent", "upload");
      const message =
        upload.error === "file_too_large"
          ? t("console.images.errors.too_large", { file: "" })
          : upload.error === "too_many_files"
            ? t("console.images.errors.too_many_files")
            : upload.error === "too_large"
              ? t("errors.form.uploadTooLarge", { files: MAX_FILES_PER_UPLOAD, fileMb: MAX_IMAGE_BYTES / 1024 / 1024, totalMb: Math.round(PRODUCT_IMAGE_UPLOAD.maxTotalBytes / 1024 / 1024) })
              : t("errors.form.unreadable");
      return formErrorReply(lang, echo, { images: message }, undefined, upload.status);
    }
    const form = upload.form;
    const checked = await parseForm(request, z.object({ intent: z.literal("upload") }), lang, form);
    if (!checked.ok) return checked.reply;
    const files = await Promise.all(
      form
        .getAll("images")
        .filter((f): f is File => typeof f === "object" && f !== null && "arrayBuffer" in f && (f as File).size > 0)
        .map(async (f) => ({ data: new Uint8Array(await f.arrayBuffer()), name: f.name })),
    );
    try {
      const added = await addProductImages(context.scoped, productId, files);
      if (!added) notFound();
      return { ok: true as const, intent: "upload", count: added.ids.length };
    } catch (error) {
      if (!(error instanceof ImageUploadError)) throw error;
      return formErrorReply(lang, form, { images: t(error.messageKey, { file: error.fileName ?? "", max: MAX_IMAGES_PER_PRODUCT }) }, undefined, error.code === "too_large" ? 413 : 400);
    }
  }

  const form = await readForm(request, lang);
  const checked = await parseForm(request, IntentSchema, lang, form);
  if (!checked.ok) return checked.reply;
  const intent = checked.data.intent;

  if (intent === "save") {
    const current = await context.scoped.product.findUnique({ where: { id: productId }, select: { status: true } });
    if (!current) notFound();
    // Drafts are drafts (a name is enough); a published product stays complete.
    const parsed = parseProductForm(form, lang, { draft: current.status !== "PUBLISHED" });
    if (!parsed.ok) return formErrorReply(lang, form, parsed.fieldErrors, "console.form.fixBelow");
    try {
      await updateProduct(context.scoped, productId, parsed.input, { userId: context.user.id });
    } catch (error) {
      if (!(error instanceof ProductSaveError)) throw error;
      if (error.code === "product_not_found") notFound();
      return formErrorReply(lang, form, { [parsed.fieldFor(error.field)]: t(error.messageKey, error.params) }, "console.form.fixBelow");
    }
    return { ok: true as const, intent };
  }

  if (intent === "publish" || intent === "unpublish") {
    const confirmed = intent === "publish" && form.get("confirm") === "incomplete";
    const result = await setProductStatus(context.scoped, productId, intent === "publish" ? "PUBLISHED" : "UNPUBLISHED", { confirmed });
    if (!result) notFound();
    if (!result.ok) return publishReply(lang, context.organization.id, result);
    return { ok: true as const, intent };
  }

  if (intent === "duplicate") {
    const copy = await duplicateProduct(context.scoped, productId, { userId: context.user.id });
    if (!copy) notFound();
    return redirect(`${base}/${copy.id}?copied=1`);
  }

  const image = ImageSchema.safeParse(Object.fromEntries(form));
  if (!image.success) return formErrorReply(lang, form, {}, "errors.badRequest.body");
  const { imageId } = image.data;
  let found: boolean;
  if (image.data.intent === "alt") {
    const alt = Object.fromEntries(LANGS.map((l) => [l, String(form.get(`alt.${l}`) ?? "")]));
    found = await updateImageAlt(context.scoped, productId, imageId, alt);
  } else if (image.data.intent === "move") {
    found = await moveProductImage(context.scoped, productId, imageId, image.data.direction ?? "up");
  } else {
    found = await deleteProductImage(context.scoped, productId, imageId);
  }
  if (!found) notFound();
  return { ok: true as const, intent: image.data.intent };
}

type Reply = {
  ok?: boolean;
  intent?: string;
  count?: number;
  problems?: string[];
  confirm?: string[];
  verificationHref?: string | null;
  formError?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
};

export default function EditProduct() {
  const { t } = useTranslation();
  const loaded = useLoaderData<typeof loader>();
  const { lang, product, organizationId } = loaded;
  const reply = useActionData<typeof action>() as Reply | undefined;
  const [search] = useSearchParams();
  const intent = reply?.intent ?? reply?.values?.intent;
  const saveReply = intent === "save" && reply && !reply.ok ? reply : null;
  const fieldErrors = saveReply?.fieldErrors ?? {};
  const base = `/${lang}/orgs/${organizationId}/products`;
  const published = product.status === "PUBLISHED";
  const message = reply?.ok
    ? t(`console.edit.done.${intent}`, { count: reply.count ?? 0 })
    : search.get("created")
      ? t("console.edit.done.created")
      : search.get("copied")
        ? t("console.edit.done.copied")
        : null;

  return (
    <div className="space-y-6">
      <nav aria-label={t("console.edit.breadcrumb")} className="text-sm">
        <Link to={base} className="link">
          ← {t("console.list.title")}
        </Link>
      </nav>
      <header className="flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h2 className="break-words text-2xl font-bold" data-testid="product-title">
            {product.name}
          </h2>
          <p className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <ProductStatusBadge status={product.status} />
            <span>{t("console.edit.updated", { date: product.updated })}</span>
            {product.published ? <span>· {t("console.edit.publishedOn", { date: product.published })}</span> : null}
          </p>
          <div className="mt-2">
            <CompletenessChips items={loaded.completeness} />
          </div>
        </div>
        <div className="flex flex-wrap gap-2">
          {published ? (
            <a href={`/${lang}/products/${product.slug}`} className="btn-secondary" target="_blank" rel="noreferrer">
              {t("console.edit.viewPublic")}
            </a>
          ) : null}
          <Form method="post">
            <CsrfInput />
            <IntentButton intent="duplicate" pendingLabel={t("console.actions.duplicating")} className="btn-secondary">
              {t("console.actions.duplicate")}
            </IntentButton>
          </Form>
          <Form method="post">
            <CsrfInput />
            {published ? (
              <IntentButton intent="unpublish" pendingLabel={t("console.actions.unpublishing")} className="btn-secondary">
                {t("console.actions.unpublish")}
              </IntentButton>
            ) : (
              <IntentButton intent="publish" pendingLabel={t("console.actions.publishing")}>
                {t("console.actions.publish")}
              </IntentButton>
            )}
          </Form>
        </div>
      </header>

      {message ? <FormSuccess>{message}</FormSuccess> : null}
      {reply?.problems ? (
        <PublishProblems reply={reply} title={t("console.publish.cannot")} />
      ) : reply?.confirm ? (
        <PublishConfirm reply={reply} />
      ) : !published && loaded.problems.length > 0 ? (
        <div className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900" data-testid="publish-checklist">
          <p className="font-semibold">{t("console.publish.checklist")}</p>
          <ul className="mt-1 list-disc pl-5">
            {loaded.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          {loaded.verificationHref ? (
            <p className="mt-2">
              <Link to={loaded.verificationHref} className="link font-semibold">
                {t("trust.publish.verifyLink")}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}

      <ProductForm
        key={product.updatedAt}
        values={saveReply?.values ?? loaded.values}
        errors={fieldErrors}
        formError={saveReply?.formError}
        options={loaded.options}
        columns={columnsShowingErrors(loaded.columns, fieldErrors)}
        columnsAction={`${base}/${product.id}`}
        submitLabel={t("console.edit.save")}
        pendingLabel={t("common.saving")}
      />
      <ProductImages images={loaded.images} reply={(intent === "upload" || (IMAGE_INTENTS as readonly string[]).includes(intent ?? "")) && !reply?.ok ? reply : null} uiLang={lang} maxImages={loaded.limits.maxImages} maxMegabytes={loaded.limits.maxMegabytes} />
      <PriceHistory rows={loaded.history} />
    </div>
  );
}
