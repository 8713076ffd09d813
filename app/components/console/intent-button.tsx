import { useNavigation } from "@remix-run/react";
import type { ReactNode } from "react";

/**
 * A submit button that carries the action's intent and shows its busy label only while its own form is being
 * submitted (several forms share a page: one image's "save" must not make every other button busy).
 */
export function IntentButton({ intent, match = {}, pendingLabel, className = "btn-primary", disabled, label, children }: {
  intent: string;
  /** Other fields that identify this form's submission, e.g. { imageId }. */
  match?: Record<string, string>;
  pendingLabel: string;
  className?: string;
  disabled?: boolean;
  /** An accessible name when the visible content is a symbol. */
  label?: string;
  children: ReactNode;
}) {
  const navigation = useNavigation();
  const form = navigation.formData;
  const busy = navigation.state !== "idle" && Boolean(form) && form!.get("intent") === intent && Object.entries(match).every(([k, v]) => form!.get(k) === v);
  return (
    <button type="submit" name="intent" value={intent} className={className} disabled={disabled || busy} aria-busy={busy} aria-label={busy ? pendingLabel : label} title={label}>
      {busy ? pendingLabel : children}
    </button>
  );
}
