/**
 * Codes typed on a Chinese keyboard arrive in full-width forms ("９１４４…", "ＧＬ－ＣＭ１５", "５００"): the same
 * code to a person, a different string to a check digit or an index. Every form body is read through tryReadForm
 * (http/forms.server.ts), which folds each field that holds an id, a code or a number with NFKC (full-width → ASCII,
 * ideographic space → space) before anything validates it: one place, so no form has to remember. Free text (names, descriptions, messages) is left exactly as typed.
 */
const CODE_FIELD = /(?:sku|hs(?:code)?|code|taxid|postal|cep|number|reference|iban|swift|awb|container|logistics|quantity|qty|price|amount|minor|weight|packages|cartons|moq|rate|percent|days|year|month)/i;
const FREE_TEXT_FIELD = /(?:name|description|note|message|text|reason|address|city|region|title|body|comment)/i;

export function isCodeField(name: string): boolean {
  return CODE_FIELD.test(name) && !FREE_TEXT_FIELD.test(name.replace(CODE_FIELD, ""));
}

/** The same form with its code fields folded (files and free text untouched). */
export function foldFormData(form: FormData): FormData {
  const folded = new FormData();
  for (const [name, value] of form) folded.append(name, typeof value === "string" && isCodeField(name) ? value.normalize("NFKC") : value);
  return folded;
}
