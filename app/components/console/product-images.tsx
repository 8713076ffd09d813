import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/forms";
import { LANG_NAMES, LANGS, type Lang } from "~/modules/i18n/config";
import { IntentButton } from "./intent-button";

export interface ConsoleImage {
  id: string;
  thumbnailUrl: string;
  previewUrl: string;
  alt: Partial<Record<Lang, string>>;
  width: number;
  height: number;
  size: string;
}

export interface ImagesReply {
  formError?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
}

/**
 * The product's gallery: upload several images at once, alt text in each language, order (the first is the main
 * picture) and delete. Every control is a plain form, so it works without JavaScript.
 */
export function ProductImages({ images, reply, uiLang, maxImages, maxMegabytes }: { images: ConsoleImage[]; reply?: ImagesReply | null; uiLang: Lang; maxImages: number; maxMegabytes: number }) {
  const { t } = useTranslation();
  const uploadError = reply?.values?.intent === "upload" ? (reply.fieldErrors?.images ?? reply.formError) : undefined;
  // Alt text, order and delete share one message line: their forms are per image and too small for one each.
  const imageError = reply?.values?.intent && reply.values.intent !== "upload" ? reply.formError : undefined;
  return (
    <section className="card" aria-labelledby="images-title" id="images">
      <h2 id="images-title" className="text-lg font-semibold">
        {t("console.images.title")}
      </h2>
      <p className="mb-4 mt-1 text-sm text-slate-600">{t("console.images.help", { max: maxImages, megabytes: maxMegabytes })}</p>
      {imageError ? (
        <p role="alert" className="mb-4 rounded-md bg-red-50 p-3 text-sm text-red-800" data-testid="image-error">
          {imageError}
        </p>
      ) : null}

      {/* Keyed by the gallery's size: after an upload the file input starts empty again. */}
      <Form key={images.length} method="post" encType="multipart/form-data" className="flex flex-wrap items-end gap-3" preventScrollReset>
        <CsrfInput />
        <div className="min-w-0 flex-1">
          <label htmlFor="image-files" className="label">
            {t("console.images.choose")}
          </label>
          <input
            id="image-files"
            name="images"
            type="file"
            multiple
            accept="image/jpeg,image/png,image/webp"
            aria-invalid={uploadError ? true : undefined}
            aria-describedby={uploadError ? "image-files-error" : "image-files-hint"}
            className="block w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-semibold hover:file:bg-slate-200"
          />
          {uploadError ? (
            <p id="image-files-error" className="mt-1 text-sm text-red-700" role="alert">
              {uploadError}
            </p>
          ) : (
            <p id="image-files-hint" className="mt-1 text-xs text-slate-600">
              {t("console.images.types")}
            </p>
          )}
        </div>
        <IntentButton intent="upload" pendingLabel={t("console.images.uploading")} className="btn-secondary">
          {t("console.images.upload")}
        </IntentButton>
      </Form>

      {images.length === 0 ? (
        <p className="mt-6 rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-600" data-testid="images-empty">
          {t("console.images.empty")}
        </p>
      ) : (
        <ol className="mt-6 grid gap-4 sm:grid-cols-2 lg:grid-cols-3" data-testid="image-list">
          {images.map((image, index) => (
            <li key={image.id} className="rounded-lg border border-slate-200 p-3" data-testid="image-item">
              <div className="flex items-start gap-3">
                <a href={image.previewUrl} target="_blank" rel="noreferrer" className="shrink-0">
                  <img src={image.thumbnailUrl} alt={image.alt[uiLang] ?? ""} width={80} height={80} className="h-20 w-20 rounded border border-slate-200 bg-slate-50 object-contain" loading="lazy" />
                </a>
                <div className="min-w-0 text-xs text-slate-600">
                  <p className="font-semibold text-slate-800">{index === 0 ? t("console.images.main") : t("console.images.position", { position: index + 1 })}</p>
                  <p>
                    {image.width} × {image.height} · {image.size}
                  </p>
                  <div className="mt-2 flex flex-wrap gap-1">
                    <Form method="post" preventScrollReset>
                      <CsrfInput />
                      <input type="hidden" name="imageId" value={image.id} />
                      <input type="hidden" name="direction" value="up" />
                      <IntentButton intent="move" match={{ imageId: image.id, direction: "up" }} pendingLabel="…" className="btn-secondary px-2 py-1 text-xs" disabled={index === 0} label={t("console.images.moveUp", { position: index + 1 })}>
                        <span aria-hidden="true">↑</span>
                      </IntentButton>
                    </Form>
                    <Form method="post" preventScrollReset>
                      <CsrfInput />
                      <input type="hidden" name="imageId" value={image.id} />
                      <input type="hidden" name="direction" value="down" />
                      <IntentButton intent="move" match={{ imageId: image.id, direction: "down" }} pendingLabel="…" className="btn-secondary px-2 py-1 text-xs" disabled={index === images.length - 1} label={t("console.images.moveDown", { position: index + 1 })}>
                        <span aria-hidden="true">↓</span>
                      </IntentButton>
                    </Form>
                    <Form method="post" preventScrollReset>
                      <CsrfInput />
                      <input type="hidden" name="imageId" value={image.id} />
                      <IntentButton intent="deleteImage" match={{ imageId: image.id }} pendingLabel={t("console.images.deleting")} className="rounded-md px-2 py-1 text-xs font-semibold text-red-700 hover:bg-red-50" label={t("console.images.deleteNamed", { position: index + 1 })}>
                        {t("console.images.delete")}
                      </IntentButton>
                    </Form>
                  </div>
                </div>
              </div>
              <Form method="post" className="mt-3 space-y-2" preventScrollReset>
                <CsrfInput />
                <input type="hidden" name="imageId" value={image.id} />
                <fieldset>
                  <legend className="text-xs font-semibold text-slate-700">{t("console.images.alt")}</legend>
                  {LANGS.map((lang) => (
                    <label key={lang} className="mt-1 flex items-center gap-2 text-xs">
                      <span className="w-16 shrink-0 text-slate-600">{LANG_NAMES[lang]}</span>
                      <input name={`alt.${lang}`} defaultValue={image.alt[lang] ?? ""} maxLength={200} className="input py-1 text-xs" lang={lang} />
                    </label>
                  ))}
                </fieldset>
                <IntentButton intent="alt" match={{ imageId: image.id }} pendingLabel={t("common.saving")} className="btn-secondary px-3 py-1 text-xs">
                  {t("console.images.saveAlt")}
                </IntentButton>
              </Form>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
