import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, FormSuccess, SubmitButton } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { LanguageFields } from "~/components/showrooms/console/language-fields";
import { parseForm, readForm } from "~/modules/http/forms.server";
import { requireLang } from "~/modules/i18n/config";
import { consoleErrorReply } from "~/modules/showrooms/console-replies.server";
import { requireOwnStorefront, requireParkOperator } from "~/modules/showrooms/operator-scope.server";
import { addSectionItem, curatable, SectionError, deleteSection, listSections, moveSection, moveSectionItem, removeSectionItem, saveSection } from "~/modules/showrooms/sections.server";
import { MoveSchema, perLanguage, SectionFormSchema, SectionItemSchema } from "~/modules/showrooms/storefront-schemas";

export const meta: MetaFunction = (args) => pageTitle(args, "showrooms.console.sections.title");

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireParkOperator(request, lang);
  const storefront = await requireOwnStorefront(context, params.id);
  const [sections, manufacturers] = await Promise.all([listSections(context.operator, storefront.id, lang, storefront.languages), curatable(context.operator, storefront.id, lang)]);
  return { lang, languages: storefront.languages, sections, manufacturers };
}

const INTENTS = ["saveSection", "deleteSection", "moveSection", "addItem", "removeItem", "moveItem"] as const;
const IntentSchema = z.object({ intent: z.enum(INTENTS), id: z.uuid().optional() });

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireParkOperator(request, lang);
  const storefront = await requireOwnStorefront(context, params.id);
  const form = await readForm(request, lang);
  const checked = await parseForm(request, IntentSchema, lang, form);
  if (!checked.ok) return checked.reply;
  const { intent } = checked.data;
  try {
    if (intent === "saveSection") {
      const parsed = await parseForm(request, SectionFormSchema, lang, form);
      if (!parsed.ok) return parsed.reply;
      await saveSection(context.operator, storefront.id, { sectionId: parsed.data.sectionId, title: perLanguage(parsed.data, "title") });
    } else if (intent === "deleteSection") {
      await deleteSection(context.operator, storefront.id, checked.data.id ?? "");
    } else if (intent === "addItem") {
      // "manufacturer" or "manufacturer:product" from one select.
      const [manufacturerId, productId] = String(form.get("choice") ?? "").split(":");
      const parsed = SectionItemSchema.safeParse({ sectionId: form.get("sectionId"), manufacturerId, productId: productId ?? "" });
      if (!parsed.success) return consoleErrorReply(new SectionError("notFound"), lang, form);
      await addSectionItem(context.operator, storefront.id, parsed.data);
    } else if (intent === "removeItem") {
      await removeSectionItem(context.operator, storefront.id, checked.data.id ?? "");
    } else {
      const parsed = await parseForm(request, MoveSchema, lang, form);
      if (!parsed.ok) return parsed.reply;
      if (intent === "moveSection") await moveSection(context.operator, storefront.id, parsed.data.id, parsed.data.direction);
      else await moveSectionItem(context.operator, storefront.id, parsed.data.id, parsed.data.direction);
    }
    return { ok: true as const, intent };
  } catch (error) {
    return consoleErrorReply(error, lang, form);
  }
}

function MoveButtons({ id, intent, first, last, label }: { id: string; intent: "moveSection" | "moveItem"; first: boolean; last: boolean; label: string }) {
  const { t } = useTranslation();
  return (
    <Form method="post" className="flex gap-1">
      <CsrfInput />
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" name="direction" value="up" disabled={first} className="btn-secondary px-2 py-1 text-xs disabled:opacity-50" aria-label={t("showrooms.console.sections.moveUp", { name: label })}>
        ↑
      </button>
      <button type="submit" name="direction" value="down" disabled={last} className="btn-secondary px-2 py-1 text-xs disabled:opacity-50" aria-label={t("showrooms.console.sections.moveDown", { name: label })}>
        ↓
      </button>
    </Form>
  );
}

export default function StorefrontSections() {
  const { t } = useTranslation();
  const { languages, sections, manufacturers } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const failed = reply && !("ok" in reply) ? reply : null;
  return (
    <div className="space-y-8">
      <div>
        <h2 className="text-lg font-semibold">{t("showrooms.console.sections.title")}</h2>
        <p className="mt-1 max-w-3xl text-sm text-slate-700">{t("showrooms.console.sections.intro")}</p>
      </div>
      {reply && "ok" in reply ? <FormSuccess>{t("showrooms.console.sections.saved")}</FormSuccess> : null}
      {failed && failed.values?.intent !== "saveSection" ? <FormError reply={failed} /> : null}
      {manufacturers.length === 0 ? <p className="rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-950">{t("showrooms.console.sections.noAccepted")}</p> : null}

      {sections.length === 0 ? <p className="card text-sm text-slate-700">{t("showrooms.console.sections.empty")}</p> : null}
      {sections.map((section, s) => (
        <section key={section.id} className="card min-w-0 space-y-4" aria-labelledby={`section-${section.id}`} data-testid="curated-section">
          <div className="flex flex-wrap items-center justify-between gap-2">
            <h3 id={`section-${section.id}`} className="min-w-0 break-words text-lg font-semibold">
              {section.title || t("showrooms.console.sections.untitled")}
            </h3>
            <div className="flex items-center gap-2">
              <MoveButtons id={section.id} intent="moveSection" first={s === 0} last={s === sections.length - 1} label={section.title} />
              <Form method="post">
                <CsrfInput />
                <input type="hidden" name="id" value={section.id} />
                <button type="submit" name="intent" value="deleteSection" className="btn-secondary px-2 py-1 text-xs text-red-700">
                  {t("showrooms.console.sections.delete")}
                </button>
              </Form>
            </div>
          </div>
          {section.items.length === 0 ? (
            <p className="text-sm text-slate-600">{t("showrooms.console.sections.noItems")}</p>
          ) : (
            <ol className="divide-y divide-slate-200 rounded-md border border-slate-200">
              {section.items.map((item, i) => {
                const label = item.product ? item.product.name : item.manufacturer;
                return (
                  <li key={item.id} className="flex flex-col gap-2 p-3 sm:flex-row sm:items-center sm:justify-between">
                    <div className="min-w-0">
                      <p className="break-words font-medium">{label}</p>
                      <p className="text-sm text-slate-600">
                        {item.product ? item.manufacturer : t("showrooms.console.sections.wholeManufacturer")}
                        {item.hiddenBecause ? <span className="ml-2 badge bg-amber-100 text-amber-900">{t(`showrooms.console.sections.hidden.${item.hiddenBecause}`)}</span> : null}
                      </p>
                    </div>
                    <div className="flex items-center gap-2">
                      <MoveButtons id={item.id} intent="moveItem" first={i === 0} last={i === section.items.length - 1} label={label} />
                      <Form method="post">
                        <CsrfInput />
                        <input type="hidden" name="id" value={item.id} />
                        <button type="submit" name="intent" value="removeItem" className="btn-secondary px-2 py-1 text-xs" aria-label={t("showrooms.console.sections.removeItem", { name: label })}>
                          {t("showrooms.console.sections.remove")}
                        </button>
                      </Form>
                    </div>
                  </li>
                );
              })}
            </ol>
          )}
          {manufacturers.length ? (
            <Form method="post" className="flex flex-wrap items-end gap-2">
              <CsrfInput />
              <input type="hidden" name="sectionId" value={section.id} />
              <div className="min-w-0 flex-1">
                <label htmlFor={`add-${section.id}`} className="label">
                  {t("showrooms.console.sections.add")}
                </label>
                <select id={`add-${section.id}`} name="choice" className="input" required>
                  {manufacturers.map((m) => (
                    <optgroup key={m.id} label={m.name}>
                      <option value={m.id}>{t("showrooms.console.sections.wholeOption", { name: m.name })}</option>
                      {m.products.map((p) => (
                        <option key={p.id} value={`${m.id}:${p.id}`}>
                          {p.name}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              </div>
              <SubmitButton name="intent" value="addItem" className="btn-secondary" pendingLabel={t("showrooms.console.saving")}>
                {t("showrooms.console.sections.addButton")}
              </SubmitButton>
            </Form>
          ) : null}
          <details>
            <summary className="cursor-pointer text-sm font-medium text-brand-700">{t("showrooms.console.sections.rename")}</summary>
            <Form method="post" className="mt-3 space-y-3">
              <CsrfInput />
              <input type="hidden" name="sectionId" value={section.id} />
              <LanguageFields prefix="title" label={t("showrooms.console.sections.sectionTitle")} values={section.titles} languages={languages} maxLength={120} />
              <SubmitButton name="intent" value="saveSection" className="btn-secondary" pendingLabel={t("showrooms.console.saving")}>
                {t("showrooms.console.sections.saveTitle")}
              </SubmitButton>
            </Form>
          </details>
        </section>
      ))}

      <section className="card space-y-4" aria-labelledby="new-section">
        <h3 id="new-section" className="text-lg font-semibold">
          {t("showrooms.console.sections.newSection")}
        </h3>
        {failed && failed.values?.intent === "saveSection" ? <FormError reply={failed} /> : null}
        <Form method="post" className="space-y-3">
          <CsrfInput />
          <LanguageFields prefix="title" label={t("showrooms.console.sections.sectionTitle")} values={{}} reply={failed?.values?.intent === "saveSection" ? failed : null} languages={languages} maxLength={120} />
          <SubmitButton name="intent" value="saveSection" pendingLabel={t("showrooms.console.saving")}>
            {t("showrooms.console.sections.create")}
          </SubmitButton>
        </Form>
      </section>
    </div>
  );
}
