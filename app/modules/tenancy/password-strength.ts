import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as en from "@zxcvbn-ts/language-en";
import * as esEs from "@zxcvbn-ts/language-es-es";
import * as ptBr from "@zxcvbn-ts/language-pt-br";

/** zxcvbn's 0–4 scale: 3 means "safely unguessable" (~10^8 guesses), enough behind argon2id and a login limit. */
export const MIN_PASSWORD_SCORE = 3;
// Matching cost grows with length; what matters for guessability is decided within the first characters.
const CHECKED_LENGTH = 64;

export type PasswordStrength =
  | { ok: true; score: number }
  | {
      ok: false;
      score: number;
      /** i18n keys under `passwordStrength.` (our own translations: zxcvbn has none for Chinese). */
      warning: string | null;
      suggestions: string[];
    };

// Dictionaries weigh several megabytes: built on first use, not at import. Levenshtein matching stays off:
// it made one check cost 0.3–0.9 s of CPU, which a signup form must not hand to anyone who posts it.
let factory: ZxcvbnFactory | undefined;
function zxcvbn() {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary, ...ptBr.dictionary, ...esEs.dictionary },
    graphs: common.adjacencyGraphs,
    useLevenshteinDistance: false,
  });
  return factory;
}

// The site's own name is the first word an attacker tries against its users ("ponte2026").
const SITE_WORDS = ["ponte", "ponte trade"];

/** Splits what the user typed elsewhere (email, name, company) into the words an attacker would try first. */
export function passwordUserInputs(inputs: (string | null | undefined)[]): string[] {
  const words = new Set<string>(SITE_WORDS);
  for (const input of inputs) {
    if (!input) continue;
    const value = input.trim().toLowerCase();
    if (!value) continue;
    words.add(value);
    const local = value.split("@")[0]!;
    const parts = local.split(/[\s._+\-,;:/]+/).filter((part) => part.length >= 3);
    // "joana.silva@…" and "Joana Silva" are guessed whole, in the usual spellings, as well as word by word.
    for (const whole of [local, parts.join(""), parts.join("."), parts.join("_"), parts.join("-")]) if (whole.length >= 3) words.add(whole);
    for (const part of [...parts, ...value.split(/[\s@._+\-,;:/]+/)]) if (part.length >= 3) words.add(part);
  }
  return [...words];
}

/** Scores a password against common passwords, names and words in en/pt/es, keyboard patterns and the user's own data. */
export function checkPasswordStrength(password: string, userInputs: (string | null | undefined)[] = []): PasswordStrength {
  const result = zxcvbn().check(password.slice(0, CHECKED_LENGTH), passwordUserInputs(userInputs));
  if (result.score >= MIN_PASSWORD_SCORE) return { ok: true, score: result.score };
  return {
    ok: false,
    score: result.score,
    warning: result.feedback.warning ? `warnings.${result.feedback.warning}` : null,
    suggestions: result.feedback.suggestions.map((s) => `suggestions.${s}`),
  };
}
