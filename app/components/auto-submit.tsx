import { useSubmit } from "@remix-run/react";
import { useEffect, useRef, useState, type InputHTMLAttributes, type KeyboardEvent, type SelectHTMLAttributes } from "react";

/** Keys that move a closed select's choice without opening its list (Windows and Linux; macOS opens the list). */
const MOVING_KEYS = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight", "Home", "End", "PageUp", "PageDown"]);

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, "value" | "defaultValue" | "onChange"> & {
  /** The value the page shows now (from the URL or the saved preference). */
  value: string;
  /** Put the page's value back in when this changes too (e.g. the options depend on another choice). */
  resetKey?: string;
  /** A visible button that applies a choice made with the keyboard; without it, Enter or the form's own button does. */
  applyLabel?: string;
};

/**
 * A select in a GET/POST form that applies its choice at once when it is picked from the list (pointer, touch, or
 * Enter in the opened list), but not while the keyboard arrows through it closed: arrow keys and type-ahead only
 * move the choice, then Enter (or `applyLabel`'s button, or the form's own button) applies it. WCAG 3.2.2: no page
 * change on the first arrow key. The select is never re-mounted by the navigation it causes, so the focus stays on it.
 */
export function AutoSubmitSelect({ value, resetKey, applyLabel, className, onKeyDown, onKeyUp, ...rest }: SelectProps) {
  const submit = useSubmit();
  const ref = useRef<HTMLSelectElement>(null);
  const keyed = useRef(false);
  const [pending, setPending] = useState(false);

  // A new value from the page (after the submit, or back/forward) is shown without re-mounting the select.
  useEffect(() => {
    if (ref.current && ref.current.value !== value) ref.current.value = value;
    setPending(false);
  }, [value, resetKey]);

  function apply() {
    setPending(false);
    if (ref.current?.form) submit(ref.current.form, { preventScrollReset: true });
  }

  function keyDown(event: KeyboardEvent<HTMLSelectElement>) {
    onKeyDown?.(event);
    if (event.key === "Enter") {
      if (ref.current && ref.current.value !== value) {
        event.preventDefault();
        apply();
      }
    } else if (MOVING_KEYS.has(event.key) || (event.key.length === 1 && event.key !== " " && !event.ctrlKey && !event.metaKey && !event.altKey)) {
      keyed.current = true;
    }
  }

  return (
    <>
      <select
        ref={ref}
        defaultValue={value}
        className={className}
        onKeyDown={keyDown}
        onKeyUp={(event) => {
          onKeyUp?.(event);
          keyed.current = false;
        }}
        onPointerDown={() => {
          keyed.current = false;
        }}
        onChange={(event) => {
          if (keyed.current) setPending(event.currentTarget.value !== value);
          else apply();
        }}
        {...rest}
      />
      {applyLabel && pending ? (
        <button type="button" className="btn-secondary px-2.5 py-1.5" onClick={apply} data-testid="apply-choice">
          {applyLabel}
        </button>
      ) : null}
    </>
  );
}

type CheckboxProps = Omit<InputHTMLAttributes<HTMLInputElement>, "type" | "checked" | "defaultChecked" | "onChange"> & {
  /** Whether the page's filter is on now. */
  checked: boolean;
};

/**
 * A checkbox that applies its form when toggled (Space or click is an explicit action), kept mounted across the
 * navigation so the focus stays on it; the page's state is put back in when it changes.
 */
export function AutoSubmitCheckbox({ checked, ...rest }: CheckboxProps) {
  const submit = useSubmit();
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.checked = checked;
  }, [checked]);
  return <input ref={ref} type="checkbox" defaultChecked={checked} onChange={(event) => event.currentTarget.form && submit(event.currentTarget.form, { preventScrollReset: true })} {...rest} />;
}
