import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { FormReply } from "~/components/forms";

const LANGS = ["pt", "es", "zh", "en"] as const;

/**
 * One input per language for a text the operator writes per language (`name_pt`, `name_zh`…). The storefront's own
 * languages come first; the others stay available, folded, for a storefront that adds a language later.
 */
export function LanguageFields({
  prefix,
  label,
  values,
  reply,
  languages,
  multiline = false,
  maxLength,
}: {
  prefix: string;
  label: string;
  values: Partial<Record<string, string>>;
  reply?: FormReply | null;
  languages: readonly string[];
  multiline?: boolean;
  maxLength: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  const ordered = [...LANGS].sort((a, b) => Number(!languages.includes(a)) - Number(!languages.includes(b)));
  return (
    <fieldset className="min-w-0">
      <legend className="label">{label}</legend>
      <div className="grid gap-3 sm:grid-cols-2">
        {ordered.map((lang) => {
          const name = `${prefix}_${lang}`;
          const error = reply?.fieldErrors?.[name];
          const value = reply?.values?.[name] ?? values[lang] ?? "";
          const fieldId = `${id}-${lang}`;
          const common = {
            id: fieldId,
            name,
            defaultValue: value,
            maxLength,
            lang,
            "aria-invalid": error ? true : undefined,
            "aria-describedby": error ? `${fieldId}-error` : undefined,
            className: "input",
          } as const;
          return (
            <div key={lang} className={languages.includes(lang) ? "" : "opacity-90"}>
              <label htmlFor={fieldId} className="mb-1 block text-xs font-medium text-slate-700">
                {t("showrooms.console.fields.inLanguage", { label, language: t(`showrooms.console.languages.${lang}`) })}
                {languages.includes(lang) ? null : <span className="text-slate-600"> · {t("showrooms.console.fields.optional")}</span>}
              </label>
              {multiline ? <textarea rows={3} {...common} /> : <input type="text" {...common} />}
              {error ? (
                <p id={`${fieldId}-error`} className="mt-1 text-sm text-red-700">
                  {error}
                </p>
              ) : null}
            </div>
          );
        })}
      </div>
    </fieldset>
  );
}
