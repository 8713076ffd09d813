import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, FormSuccess, SelectField, SubmitButton, TextField } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { formErrorReply, parseForm, readForm } from "~/modules/http/forms.server";
import { LANG_NAMES, LANGS, requireLang } from "~/modules/i18n/config";
import { langCookie } from "~/modules/i18n/i18n.server";
import { PREFERENCE_CURRENCIES } from "~/modules/money/currencies";
import { changePassword, updateAccountPreferences, weakPasswordMessage } from "~/modules/tenancy/accounts.server";
import { PasswordSchema } from "~/modules/tenancy/schemas";
import { requireSessionUser } from "~/modules/tenancy/session.server";

export const meta: MetaFunction = (args) => pageTitle(args, "account.title");

const PreferencesSchema = z.object({
  intent: z.literal("preferences"),
  name: z.string().trim().min(2, "validation.nameTooShort").max(100, "validation.tooLong"),
  locale: z.enum(LANGS),
  currencyCode: z.enum(PREFERENCE_CURRENCIES as [string, ...string[]]),
});
const PasswordChangeSchema = z
  .object({ intent: z.literal("password"), currentPassword: z.string().min(1, "validation.required"), newPassword: PasswordSchema, confirm: z.string() })
  .refine((v) => v.newPassword === v.confirm, { path: ["confirm"], message: "validation.passwordsDiffer" });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const { user } = await requireSessionUser(request, lang);
  return { user };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const sessionUser = await requireSessionUser(request, lang);
  const formData = await readForm(request, lang);
  if (formData.get("intent") === "password") {
    const form = await parseForm(request, PasswordChangeSchema, lang, formData);
    if (!form.ok) return form.reply;
    const result = await changePassword({ userId: sessionUser.user.id, sessionId: sessionUser.sessionId, currentPassword: form.data.currentPassword, newPassword: form.data.newPassword });
    if (!result.ok && result.error === "weak_password") return formErrorReply(lang, formData, { newPassword: weakPasswordMessage(lang, result) });
    if (!result.ok) return formErrorReply(lang, formData, { currentPassword: "account.password.wrong" });
    return { done: "password" as const };
  }
  const form = await parseForm(request, PreferencesSchema, lang, formData);
  if (!form.ok) return form.reply;
  await updateAccountPreferences(sessionUser.user.id, { name: form.data.name, locale: form.data.locale, currencyCode: form.data.currencyCode });
  // A new language takes the user to the same page in that language.
  if (form.data.locale !== lang) return redirect(`/${form.data.locale}/account`, { headers: { "Set-Cookie": await langCookie.serialize(form.data.locale) } });
  return { done: "preferences" as const };
}

export default function Account() {
  const { t } = useTranslation();
  const { user } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const done = reply && "done" in reply ? reply.done : null;
  const errors = reply && !("done" in reply) ? reply : null;
  const intent = errors?.values?.intent;
  return (
    <div className="mx-auto max-w-3xl space-y-8 px-4 py-10">
      <h1 className="text-3xl font-bold">{t("account.title")}</h1>
      <section className="card" aria-labelledby="prefs">
        <h2 id="prefs" className="text-lg font-semibold">
          {t("account.preferences.title")}
        </h2>
        <p className="mb-4 text-sm text-slate-600">{user.email}</p>
        {done === "preferences" ? <FormSuccess>{t("account.saved")}</FormSuccess> : null}
        <Form method="post" className="grid gap-4 sm:grid-cols-2" noValidate>
          <CsrfInput />
          <FormError reply={intent === "preferences" ? errors : null} />
          <TextField className="sm:col-span-2" label={t("fields.name")} name="name" defaultValue={user.name} reply={intent === "preferences" ? errors : null} />
          <SelectField label={t("fields.language")} name="locale" defaultValue={user.locale} options={LANGS.map((l) => ({ value: l, label: LANG_NAMES[l] }))} />
          <SelectField label={t("fields.currency")} name="currencyCode" defaultValue={user.currencyCode} options={PREFERENCE_CURRENCIES.map((c) => ({ value: c, label: `${c} · ${t(`currencies.${c}`)}` }))} />
          <div className="sm:col-span-2">
            <SubmitButton pendingLabel={t("common.saving")} name="intent" value="preferences">
              {t("common.save")}
            </SubmitButton>
          </div>
        </Form>
      </section>
      <section className="card" aria-labelledby="pw">
        <h2 id="pw" className="mb-4 text-lg font-semibold">
          {t("account.password.title")}
        </h2>
        {done === "password" ? <FormSuccess>{t("account.password.changed")}</FormSuccess> : null}
        <Form method="post" className="grid gap-4 sm:grid-cols-2" noValidate>
          <CsrfInput />
          <FormError reply={intent === "password" ? errors : null} />
          <TextField className="sm:col-span-2" label={t("fields.currentPassword")} name="currentPassword" type="password" autoComplete="current-password" reply={intent === "password" ? errors : null} />
          <TextField label={t("fields.newPassword")} name="newPassword" type="password" autoComplete="new-password" minLength={10} reply={intent === "password" ? errors : null} hint={t("auth.passwordHint")} />
          <TextField label={t("fields.confirmPassword")} name="confirm" type="password" autoComplete="new-password" reply={intent === "password" ? errors : null} />
          <div className="sm:col-span-2">
            <SubmitButton pendingLabel={t("common.saving")} name="intent" value="password">
              {t("account.password.submit")}
            </SubmitButton>
          </div>
        </Form>
      </section>
    </div>
  );
}
