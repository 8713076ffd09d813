import { useTranslation } from "react-i18next";

export function SiteFooter() {
  const { t } = useTranslation();
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap justify-between gap-2 px-4 py-6 text-sm text-slate-600">
        <p>© 2026 Ponte · {t("footer.tagline")}</p>
        <p>{t("footer.location")}</p>
      </div>
    </footer>
  );
}
