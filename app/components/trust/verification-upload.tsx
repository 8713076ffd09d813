import { Form } from "@remix-run/react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { CsrfInput, FormError, SubmitButton, type FormReply } from "~/components/forms";
import { DOCUMENT_KINDS } from "~/modules/tenancy/verification";


/** The company sends its documents (business licence, tax registration) to the platform's verification desk. */
export function VerificationUpload({ reply, limits }: { reply: FormReply | null; limits: { files: number; megabytes: number } }) {
  const { t } = useTranslation();
  const kindId = useId();
  const filesId = useId();
  const hintId = useId();
  const errorId = useId();
  const fileError = reply?.fieldErrors?.documents;
  return (
    <Form method="post" encType="multipart/form-data" className="space-y-3 border-t border-slate-200 pt-4" aria-labelledby={`${kindId}-title`} noValidate>
      <h3 id={`${kindId}-title`} className="text-base font-semibold">
        {t("trust.company.title")}
      </h3>
      <p className="text-sm text-slate-700">{t("trust.company.intro")}</p>
      <CsrfInput />
      <input type="hidden" name="intent" value="verification" />
      <FormError reply={reply} />
      <div>
        <label htmlFor={kindId} className="label">
          {t("trust.company.kind")}
        </label>
        <select id={kindId} name="kind" className="input" defaultValue={reply?.values?.kind ?? "BUSINESS_LICENCE"}>
          {DOCUMENT_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`trust.documentKinds.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={filesId} className="label">
          {t("trust.company.files")}
        </label>
        <input
          id={filesId}
          name="documents"
          type="file"
          multiple
          required
          accept="application/pdf,image/png,image/jpeg,image/webp"
          className="block w-full min-w-0 text-sm"
          aria-describedby={fileError ? `${errorId} ${hintId}` : hintId}
          aria-invalid={fileError ? true : undefined}
        />
        <p id={hintId} className="mt-1 text-xs text-slate-600">
          {t("trust.company.filesHint", { max: limits.files, size: limits.megabytes })}
        </p>
        {fileError ? (
          <p id={errorId} className="mt-1 text-sm text-red-700" role="alert">
            {fileError}
          </p>
        ) : null}
      </div>
      <SubmitButton pendingLabel={t("trust.company.sending")}>{t("trust.company.submit")}</SubmitButton>
    </Form>
  );
}
