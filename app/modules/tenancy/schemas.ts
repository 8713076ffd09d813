import { z } from "zod";
import { OrganizationKind, MembershipRole } from "~/generated/prisma/enums";
import { hasChineseLegalName } from "./countries";
import { validateTaxId } from "./tax-id";

/** Long passphrases welcome; 10 characters at least, argon2's input capped to keep hashing bounded. */
export const PasswordSchema = z.string().min(10, "validation.passwordTooShort").max(200, "validation.tooLong");

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, "validation.tooLong")
    .optional()
    .transform((v) => (v ? v : null));

/** The company profile ("file once, share everywhere"): the tax id is checked by the country's rule. */
export const CompanyProfileSchema = z
  .object({
    name: z.string().trim().min(2, "validation.nameTooShort").max(120, "validation.tooLong"),
    legalNameZh: optionalText(200),
    legalNameLatin: optionalText(200),
    countryCode: z.string().trim().toUpperCase().regex(/^[A-Z]{2}$/, "validation.country"),
    addressLine1: optionalText(200),
    addressLine2: optionalText(200),
    city: optionalText(100),
    region: optionalText(100),
    postalCode: optionalText(20),
    taxId: optionalText(40),
  })
  // A Chinese legal name belongs to companies registered in China (the form shows the field only for them).
  .transform((value) => (hasChineseLegalName(value.countryCode) ? value : { ...value, legalNameZh: null }))
  .superRefine((value, ctx) => {
    if (!value.taxId) return;
    const result = validateTaxId(value.countryCode, value.taxId);
    if (!result.ok) ctx.addIssue({ code: "custom", path: ["taxId"], message: `validation.taxId.${result.scheme}` });
  });

export const OrganizationKindSchema = z.enum(Object.values(OrganizationKind) as [OrganizationKind, ...OrganizationKind[]], "validation.required");
export const RoleSchema = z.enum(Object.values(MembershipRole) as [MembershipRole, ...MembershipRole[]], "validation.required");
