import { useRef, useState, type KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import { ProductPlaceholder } from "./product-placeholder";

export interface GalleryImage {
  src: string;
  thumb: string;
  alt: string;
  width: number;
  height: number;
}

/**
 * Every picture of the product: a large view and a row of thumbnails. Thumbnails are buttons (Tab, Enter);
 * the arrow keys, Home and End move between them; the large view has previous/next buttons too.
 */
export function ProductGallery({ images, name }: { images: GalleryImage[]; name: string }) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(0);
  const thumbs = useRef<(HTMLButtonElement | null)[]>([]);
  if (images.length === 0) {
    return (
      <div className="aspect-square overflow-hidden rounded-lg border border-slate-200" data-testid="gallery">
        <ProductPlaceholder />
        <span className="sr-only">{t("browse.product.noImages")}</span>
      </div>
    );
  }
  const current = images[Math.min(index, images.length - 1)]!;
  const go = (next: number, focus = false) => {
    const wrapped = (next + images.length) % images.length;
    setIndex(wrapped);
    if (focus) thumbs.current[wrapped]?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const moves: Record<string, number> = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: images.length - 1 };
    if (e.key in moves) {
      e.preventDefault();
      go(moves[e.key]!, true);
    }
  };
  return (
    <div data-testid="gallery">
      <figure className="relative overflow-hidden rounded-lg border border-slate-200 bg-white">
        <img src={current.src} alt={current.alt || name} width={current.width || undefined} height={current.height || undefined} className="aspect-square w-full object-contain" data-testid="gallery-main" />
        {images.length > 1 ? (
          <>
            <button type="button" onClick={() => go(index - 1)} className="absolute left-2 top-1/2 grid h-9 w-9 -translate-y-1/2 place-items-center rounded-full bg-white/90 text-slate-800 shadow ring-1 ring-slate-200 hover:bg-white" aria-label={t("browse.gallery.previous")}>
              ‹
            </button>
            <button type="button" onClick={() => go(index + 1)} className="absolute right-2 top-1/2 grid h-9 w-9 -translate-y-1/2 place-items-center rounded-full bg-white/90 text-slate-800 shadow ring-1 ring-slate-200 hover:bg-white" aria-label={t("browse.gallery.next")}>
              ›
            </button>
            <figcaption className="absolute bottom-2 right-2 rounded bg-slate-900/70 px-2 py-0.5 text-xs text-white" aria-live="polite">
              {t("browse.gallery.position", { n: index + 1, total: images.length })}
            </figcaption>
          </>
        ) : null}
      </figure>
      {images.length > 1 ? (
        <ul className="mt-3 flex flex-wrap gap-2" aria-label={t("browse.gallery.thumbnails")} onKeyDown={onKeyDown}>
          {images.map((image, i) => (
            <li key={image.src}>
              <button
                type="button"
                ref={(el) => {
                  thumbs.current[i] = el;
                }}
                onClick={() => setIndex(i)}
                aria-current={i === index ? "true" : undefined}
                aria-label={t("browse.gallery.show", { n: i + 1, total: images.length })}
                tabIndex={i === index ? 0 : -1}
                className="block h-16 w-16 overflow-hidden rounded-md border-2 border-transparent bg-white ring-1 ring-slate-200 aria-[current=true]:border-brand-600"
                data-testid="gallery-thumb"
              >
                <img src={image.thumb} alt="" className="h-full w-full object-contain" loading="lazy" />
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
