import { useNavigation, useRouteLoaderData } from "@remix-run/react";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { useId } from "react";

interface RootCsrf {
  csrfToken: string;
}

/** Every state-changing form carries the CSRF token (checked by parseForm on the server). */
export function CsrfInput() {
  const data = useRouteLoaderData<RootCsrf>("root");
  return <input type="hidden" name="csrf" value={data?.csrfToken ?? ""} />;
}

export interface FormReply {
  formError?: string;
  fieldErrors?: Record<string, string>;
  values?: Record<string, string>;
}

export function FormError({ reply }: { reply?: FormReply | null }) {
  if (!reply?.formError) return null;
  return (
    <div role="alert" className="mb-4 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      {reply.formError}
    </div>
  );
}

export function FormSuccess({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="mb-4 rounded-md border border-emerald-200 bg-emerald-50 px-4 py-3 text-sm text-emerald-800">
      {children}
    </div>
  );
}

type FieldProps = InputHTMLAttributes<HTMLInputElement> & { label: string; name: string; reply?: FormReply | null; hint?: string };

/** A labelled input that shows its error, keeps what was typed after a failed submit, and is announced. */
export function TextField({ label, name, reply, hint, defaultValue, className, ...rest }: FieldProps) {
  const id = useId();
  const error = reply?.fieldErrors?.[name];
  const value = reply?.values?.[name] ?? defaultValue;
  return (
    <div className={className}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <input
        id={id}
        name={name}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined}
        className="input"
        {...rest}
      />
      {hint && !error ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

type SelectProps = SelectHTMLAttributes<HTMLSelectElement> & { label: string; name: string; reply?: FormReply | null; options: { value: string; label: string }[] };

export function SelectField({ label, name, reply, options, defaultValue, className, ...rest }: SelectProps) {
  const id = useId();
  const error = reply?.fieldErrors?.[name];
  return (
    <div className={className}>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <select id={id} name={name} defaultValue={reply?.values?.[name] ?? defaultValue} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined} className="input" {...rest}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** Disabled with a busy label while its form is submitting, so a double click does not post twice. */
export function SubmitButton({ children, pendingLabel, className = "btn-primary", name, value }: { children: ReactNode; pendingLabel: string; className?: string; name?: string; value?: string }) {
  const navigation = useNavigation();
  const busy = navigation.state === "submitting" && (!name || navigation.formData?.get(name) === value);
  return (
    <button type="submit" className={className} disabled={busy} aria-busy={busy} name={name} value={value}>
      {busy ? pendingLabel : children}
    </button>
  );
}
