import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { CsrfInput, FormError, FormSuccess, SelectField, SubmitButton, TextField } from "~/components/forms";
import { pageTitle } from "~/components/meta";
import { formErrorReply, parseForm } from "~/modules/http/forms.server";
import { forbidden } from "~/modules/http/responses.server";
import { formatDate } from "~/modules/i18n/format";
import { requireLang } from "~/modules/i18n/config";
import { emitToOrganization, evictFromOrganization } from "~/modules/realtime/index.server";
import { requireOrganization } from "~/modules/tenancy/access.server";
import { inviteMember, listOpenInvitations, revokeInvitation } from "~/modules/tenancy/invitations.server";
import { changeMemberRole, listMembers, removeMembership } from "~/modules/tenancy/organizations.server";
import { canManageRole, roleCan } from "~/modules/tenancy/permissions";
import { RoleSchema } from "~/modules/tenancy/schemas";

export const meta: MetaFunction = (args) => pageTitle(args, "organizations.tabs.members");

const ActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("invite"), email: z.email("validation.email"), role: RoleSchema }),
  z.object({ intent: z.literal("revoke"), invitationId: z.uuid() }),
  z.object({ intent: z.literal("remove"), membershipId: z.uuid() }),
  z.object({ intent: z.literal("role"), membershipId: z.uuid(), role: RoleSchema }),
  z.object({ intent: z.literal("leave") }),
]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireOrganization(request, lang, params.orgId, "members:read");
  const canInvite = roleCan(context.membership.role, "members:invite");
  const [members, invitations] = await Promise.all([listMembers(context.scoped), canInvite ? listOpenInvitations(context.organization.id) : Promise.resolve([])]);
  // Dates are formatted here, by the server's ICU: the browser's may word them differently and break hydration.
  return {
    me: { userId: context.user.id, role: context.membership.role, membershipId: context.membership.id },
    members: members.map((m) => ({ ...m, since: formatDate(m.createdAt, lang) })),
    invitations: invitations.map((i) => ({ ...i, expires: formatDate(i.expiresAt, lang) })),
    canInvite,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = requireLang(params);
  const context = await requireOrganization(request, lang, params.orgId, "members:read");
  const organizationId = context.organization.id;
  const form = await parseForm(request, ActionSchema, lang);
  if (!form.ok) return form.reply;
  const input = form.data;
  const role = context.membership.role;

  if (input.intent === "invite") {
    if (!roleCan(role, "members:invite") || !canManageRole(role, input.role)) forbidden();
    const result = await inviteMember({ organizationId, email: input.email, role: input.role, invitedBy: { id: context.user.id, name: context.user.name }, lang });
    if (!result.ok) return formErrorReply(lang, form.formData, { email: "members.alreadyMember" }, undefined, 409);
    emitToOrganization(organizationId, "organization:changed", { what: "invitations" });
    return { done: "invited" as const, email: input.email };
  }
  if (input.intent === "revoke") {
    if (!roleCan(role, "members:invite")) forbidden();
    await revokeInvitation(organizationId, input.invitationId);
    return { done: "revoked" as const };
  }
  if (input.intent === "role") {
    if (!roleCan(role, "members:change-role")) forbidden();
    const result = await changeMemberRole({ organizationId, membershipId: input.membershipId, role: input.role });
    if (!result.ok) return formErrorReply(lang, form.formData, {}, `members.errors.${result.error}`, result.error === "not_found" ? 404 : 409);
    emitToOrganization(organizationId, "organization:changed", { what: "members" });
    return { done: "role" as const };
  }
  const leaving = input.intent === "leave";
  if (!leaving && !roleCan(role, "members:remove")) forbidden();
  const membershipId = leaving ? context.membership.id : input.membershipId;
  const target = context.scoped.membership.findFirst({ where: { id: membershipId }, select: { userId: true } });
  const result = await removeMembership({ organizationId, membershipId, actorRole: leaving ? null : role });
  if (!result.ok) return formErrorReply(lang, form.formData, {}, `members.errors.${result.error}`, result.error === "not_found" ? 404 : 409);
  const removed = await target;
  if (removed) evictFromOrganization(removed.userId, organizationId);
  emitToOrganization(organizationId, "organization:changed", { what: "members" });
  if (leaving) return redirect(`/${lang}/dashboard`);
  return { done: "removed" as const };
}

export default function Members() {
  const { t } = useTranslation();
  const { me, members, invitations, canInvite } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const done = reply && "done" in reply ? reply : null;
  const errors = reply && !("done" in reply) ? reply : null;
  const inviteRoles = (["MEMBER", "ADMIN", "OWNER"] as const).filter((r) => me.role === "OWNER" || r !== "OWNER");
  return (
    <div className="grid gap-8 lg:grid-cols-3">
      <section className="lg:col-span-2" aria-labelledby="members-title">
        <h2 id="members-title" className="text-xl font-semibold">
          {t("members.title")}
        </h2>
        {done?.done === "removed" ? <FormSuccess>{t("members.removed")}</FormSuccess> : null}
        {done?.done === "role" ? <FormSuccess>{t("members.roleChanged")}</FormSuccess> : null}
        {errors?.values?.intent !== "invite" ? <FormError reply={errors} /> : null}
        <div className="card mt-4 overflow-x-auto p-0">
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">{t("fields.name")}</th>
                <th scope="col" className="px-4 py-3 font-medium">{t("members.role")}</th>
                <th scope="col" className="px-4 py-3 font-medium">{t("members.since")}</th>
                <th scope="col" className="px-4 py-3"><span className="sr-only">{t("members.actions")}</span></th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => {
                const isMe = m.user.id === me.userId;
                const manageable = !isMe && canManageRole(me.role, m.role);
                return (
                  <tr key={m.id} className="border-b border-slate-100 last:border-0" data-testid="member-row">
                    <td className="px-4 py-3">
                      <span className="block font-medium">{m.user.name}{isMe ? ` (${t("members.you")})` : ""}</span>
                      <span className="text-slate-600">{m.user.email}</span>
                    </td>
                    <td className="px-4 py-3">
                      {me.role === "OWNER" && !isMe ? (
                        <Form method="post" className="flex items-center gap-2">
                          <CsrfInput />
                          <input type="hidden" name="intent" value="role" />
                          <input type="hidden" name="membershipId" value={m.id} />
                          <label className="sr-only" htmlFor={`role-${m.id}`}>{t("members.role")}</label>
                          <select id={`role-${m.id}`} name="role" defaultValue={m.role} className="input w-auto py-1">
                            {(["OWNER", "ADMIN", "MEMBER"] as const).map((r) => <option key={r} value={r}>{t(`roles.${r}`)}</option>)}
                          </select>
                          <button type="submit" className="btn-secondary px-2 py-1 text-xs">{t("common.save")}</button>
                        </Form>
                      ) : (
                        t(`roles.${m.role}`)
                      )}
                    </td>
                    <td className="px-4 py-3 text-slate-600">{m.since}</td>
                    <td className="px-4 py-3 text-right">
                      {isMe ? (
                        <Form method="post">
                          <CsrfInput />
                          <button type="submit" name="intent" value="leave" className="btn-secondary px-3 py-1 text-xs">{t("members.leave")}</button>
                        </Form>
                      ) : manageable && roleCan(me.role, "members:remove") ? (
                        <Form method="post">
                          <CsrfInput />
                          <input type="hidden" name="membershipId" value={m.id} />
                          <button type="submit" name="intent" value="remove" className="btn-danger px-3 py-1 text-xs" aria-label={t("members.removeNamed", { name: m.user.name })}>{t("members.remove")}</button>
                        </Form>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      {canInvite ? (
        <aside className="space-y-6">
          <section className="card" aria-labelledby="invite-title">
            <h2 id="invite-title" className="text-lg font-semibold">{t("members.invite.title")}</h2>
            <p className="mb-4 mt-1 text-sm text-slate-600">{t("members.invite.help")}</p>
            {done?.done === "invited" ? <FormSuccess>{t("members.invite.sent", { email: done.email })}</FormSuccess> : null}
            <Form method="post" className="space-y-4" noValidate>
              <CsrfInput />
              {errors?.values?.intent === "invite" ? <FormError reply={errors} /> : null}
              <TextField label={t("fields.email")} name="email" type="email" required reply={errors?.values?.intent === "invite" ? errors : null} />
              <SelectField label={t("members.role")} name="role" defaultValue="MEMBER" options={inviteRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
              <SubmitButton pendingLabel={t("members.invite.sending")} name="intent" value="invite">{t("members.invite.submit")}</SubmitButton>
            </Form>
          </section>
          <section className="card" aria-labelledby="pending-title">
            <h2 id="pending-title" className="text-lg font-semibold">{t("members.pending.title")}</h2>
            {invitations.length === 0 ? (
              <p className="mt-2 text-sm text-slate-600">{t("members.pending.empty")}</p>
            ) : (
              <ul className="mt-3 divide-y divide-slate-100">
                {invitations.map((inv) => (
                  <li key={inv.id} className="flex items-center justify-between gap-2 py-2 text-sm" data-testid="invitation-row">
                    <span>
                      <span className="block">{inv.email}</span>
                      <span className="text-xs text-slate-600">{t(`roles.${inv.role}`)} · {t("members.pending.expires", { date: inv.expires })}</span>
                    </span>
                    <Form method="post">
                      <CsrfInput />
                      <input type="hidden" name="invitationId" value={inv.id} />
                      <button type="submit" name="intent" value="revoke" className="btn-secondary px-2 py-1 text-xs">{t("members.pending.revoke")}</button>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      ) : null}
    </div>
  );
}
