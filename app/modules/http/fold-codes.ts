/**
 * Codes typed on a Chinese keyboard arrive in full-width forms ("９１４４…", "ＧＬ－ＣＭ１５", "５００"): the same
 * code to a person, a different string to a check digit or an index. parseForm folds every field that holds an id, a
 * code or a number with NFKC (full-width → ASCII, ideographic space → space) before validation, in one place, so no
 * form has to remember. Free text (names, descriptions, messages) is left exactly as typed.
 */
const CODE_FIELD = /(?:sku|hs(?:code)?|code|taxid|postal|cep|number|reference|iban|swift|awb|container|logistics|quantity|qty|price|amount|minor|weight|packages|cartons|moq|rate|percent|days|year|month)/i;
const FREE_TEXT_FIELD = /(?:name|description|note|message|text|reason|address|city|region|title|body|comment)/i;

export function isCodeField(name: string): boolean {
  return CODE_FIELD.test(name) && !FREE_TEXT_FIELD.test(name.replace(CODE_FIELD, ""));
}

export function foldCodeFields(input: Record<string, unknown>): Record<string, unknown> {
  const folded: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(input)) {
    if (!isCodeField(name)) folded[name] = value;
    else if (typeof value === "string") folded[name] = value.normalize("NFKC");
    else if (Array.isArray(value)) folded[name] = value.map((v) => (typeof v === "string" ? v.normalize("NFKC") : v));
    else folded[name] = value;
  }
  return folded;
}
