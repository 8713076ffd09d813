import { Form, Link, useNavigate } from "@remix-run/react";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Lang } from "~/modules/i18n/config";
import { foldText } from "~/modules/catalog/search-text";

/** What GET /{lang}/search/suggest answers. */
interface Suggestions {
  products: { slug: string; name: string }[];
  terms: string[];
}

interface Option {
  id: string;
  href: string;
  label: string;
  group: "products" | "terms" | "didYouMean";
}

const DEBOUNCE_MS = 150;
const MAX_QUERY = 100;

/**
 * The catalog search box: a GET form to /{lang}/products?q=… (a plain search form without JavaScript) that,
 * with JavaScript, suggests products and searches while typing. An ARIA 1.2 combobox: the input owns a listbox
 * (arrow keys move through its options, Enter opens the chosen one, Escape closes it, then clears the input),
 * and a polite live region tells how many suggestions there are.
 */
export function SearchBox({
  lang,
  defaultValue = "",
  labelVisible = false,
  autoFocus = false,
  className = "",
}: {
  lang: Lang;
  /** The current search (the `q` of the page), shown in the input. */
  defaultValue?: string;
  /** Show the label above the input (otherwise it is for screen readers only). */
  labelVisible?: boolean;
  autoFocus?: boolean;
  className?: string;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const inputId = `${id}-input`;
  const listboxId = `${id}-listbox`;
  const instructionsId = `${id}-instructions`;

  const [value, setValue] = useState(defaultValue);
  const [typed, setTyped] = useState(false);
  const [suggestions, setSuggestions] = useState<Suggestions | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const boxRef = useRef<HTMLDivElement>(null);

  // A new page (another search) shows its own words.
  useEffect(() => {
    setValue(defaultValue);
    setTyped(false);
    setSuggestions(null);
    setOpen(false);
  }, [defaultValue]);

  // Debounced suggestions for what is typed; an answer to older input is aborted, never shown.
  useEffect(() => {
    if (!typed) return;
    const q = value.trim();
    if (q === "" || q.length > MAX_QUERY) {
      setSuggestions(null);
      setOpen(false);
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const response = await fetch(`/${lang}/search/suggest?q=${encodeURIComponent(q)}`, {
          signal: controller.signal,
          headers: { Accept: "application/json" },
        });
        if (!response.ok) return;
        const body = (await response.json()) as Suggestions;
        setSuggestions({ products: body.products ?? [], terms: body.terms ?? [] });
        setActive(-1);
        setOpen(true);
      } catch {
        // Aborted (the buyer typed on) or offline: the form still works.
      }
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [value, typed, lang]);

  const typedFolded = foldText(value.trim());
  const options: Option[] = [
    ...(suggestions?.products ?? []).map((p) => ({
      id: "",
      href: `/${lang}/products/${encodeURIComponent(p.slug)}`,
      label: p.name,
      group: "products" as const,
    })),
    ...(suggestions?.terms ?? []).map((term) => ({
      id: "",
      href: `/${lang}/products?q=${encodeURIComponent(term)}`,
      label: term,
      // A term that does not continue what was typed corrects it.
      group: foldText(term).startsWith(typedFolded) ? ("terms" as const) : ("didYouMean" as const),
    })),
  ].map((option, index) => ({ ...option, id: `${id}-option-${index}` }));
  const expanded = open && options.length > 0;
  const activeOption = expanded && active >= 0 ? options[active] : undefined;

  function close() {
    setOpen(false);
    setActive(-1);
  }

  /** A search chosen from the list becomes the input's text (a product leaves it as typed). */
  function choose(option: Option) {
    close();
    if (option.group !== "products") {
      setValue(option.label);
      setTyped(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    // Keys that confirm a Chinese (IME) composition are not for the list.
    if (event.nativeEvent.isComposing) return;
    switch (event.key) {
      case "ArrowDown":
        if (options.length === 0) return;
        event.preventDefault();
        setOpen(true);
        setActive((current) => (!expanded || current >= options.length - 1 ? 0 : current + 1));
        break;
      case "ArrowUp":
        if (options.length === 0) return;
        event.preventDefault();
        setOpen(true);
        setActive((current) => (!expanded || current <= 0 ? options.length - 1 : current - 1));
        break;
      case "Enter":
        if (activeOption) {
          event.preventDefault();
          choose(activeOption);
          navigate(activeOption.href);
        }
        break;
      case "Escape":
        if (expanded) {
          event.preventDefault();
          close();
        } else if (value !== "") {
          event.preventDefault();
          setValue("");
          setSuggestions(null);
        }
        break;
      case "Tab":
        close();
        break;
    }
  }

  const groups: { key: Option["group"]; title: string }[] = [
    { key: "products", title: t("browse.search.products") },
    { key: "terms", title: t("browse.search.terms") },
    { key: "didYouMean", title: t("browse.search.didYouMean") },
  ];

  return (
    <Form
      method="get"
      action={`/${lang}/products`}
      role="search"
      className={`relative ${className}`}
      onSubmit={() => close()}
    >
      <div
        ref={boxRef}
        className="relative"
        onBlur={(event) => {
          if (!boxRef.current?.contains(event.relatedTarget as Node | null)) close();
        }}
      >
        <label htmlFor={inputId} className={labelVisible ? "label" : "sr-only"}>
          {t("browse.search.label")}
        </label>
        <div className="flex gap-2">
          <input
            id={inputId}
            name="q"
            type="search"
            value={value}
            maxLength={200}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            enterKeyHint="search"
            autoFocus={autoFocus}
            placeholder={t("browse.search.placeholder")}
            className="input"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={expanded}
            aria-controls={listboxId}
            aria-activedescendant={activeOption?.id}
            aria-describedby={instructionsId}
            onChange={(event) => {
              setValue(event.target.value);
              setTyped(true);
            }}
            onFocus={() => {
              if (suggestions) setOpen(true);
            }}
            onKeyDown={onKeyDown}
            data-testid="search-input"
          />
          <button type="submit" className="btn-primary shrink-0">
            {t("browse.search.submit")}
          </button>
        </div>
        <p id={instructionsId} className="sr-only">
          {t("browse.search.instructions")}
        </p>
        <div
          id={listboxId}
          role="listbox"
          aria-label={t("browse.search.label")}
          hidden={!expanded}
          // Keep the focus in the input while a suggestion is clicked.
          onMouseDown={(event) => event.preventDefault()}
          className="absolute left-0 right-0 z-30 mt-1 max-h-96 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
          data-testid="search-suggestions"
        >
          {groups.map((group) => {
            const members = options.filter((o) => o.group === group.key);
            if (members.length === 0) return null;
            const titleId = `${id}-group-${group.key}`;
            return (
              <div key={group.key} role="group" aria-labelledby={titleId}>
                <div id={titleId} role="presentation" className="px-3 pb-1 pt-2 text-xs font-semibold uppercase tracking-wide text-slate-500">
                  {group.title}
                </div>
                {members.map((option) => {
                  const selected = option.id === activeOption?.id;
                  return (
                    <Link
                      key={option.id}
                      id={option.id}
                      to={option.href}
                      role="option"
                      aria-selected={selected}
                      tabIndex={-1}
                      onClick={() => choose(option)}
                      onMouseEnter={() => setActive(options.indexOf(option))}
                      className={`block truncate px-3 py-2 ${selected ? "bg-brand-50 text-brand-800" : "text-slate-800 hover:bg-slate-50"}`}
                    >
                      {option.label}
                    </Link>
                  );
                })}
              </div>
            );
          })}
        </div>
        {open && suggestions && options.length === 0 ? (
          <div className="absolute left-0 right-0 z-30 mt-1 rounded-md border border-slate-200 bg-white px-3 py-2 text-sm text-slate-600 shadow-lg">
            {t("browse.search.noSuggestions")}
          </div>
        ) : null}
        <div role="status" aria-live="polite" className="sr-only">
          {open && suggestions ? (options.length > 0 ? t("browse.search.suggestions", { count: options.length }) : t("browse.search.noSuggestions")) : ""}
        </div>
      </div>
    </Form>
  );
}
