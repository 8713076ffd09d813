import { useParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { isLang, type Lang } from "~/modules/i18n/config";

export function useParamsLang(): Lang {
  const params = useParams();
  return isLang(params.lang) ? params.lang : "en";
}

export function AuthCard({ title, subtitle, children }: { title: string; subtitle?: string; children: ReactNode }) {
  return (
    <div className="mx-auto max-w-md px-4 py-12 sm:py-16">
      <div className="card">
        <h1 className="text-2xl font-bold">{title}</h1>
        {subtitle ? <p className="mt-1 text-sm text-slate-600">{subtitle}</p> : null}
        <div className="mt-6">{children}</div>
      </div>
    </div>
  );
}
