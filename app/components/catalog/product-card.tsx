import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import type { ProductCard } from "~/modules/catalog/product-card.server";
import { ProductPlaceholder } from "./product-placeholder";
import { TranslationNote } from "./translation-note";
import { VerifiedMark } from "./verified-mark";

/** The 160 px rendition next to the 480 px one (images.server.ts names them `…/w{width}.webp`). */
const srcSetOf = (src: string) => `${src.replace(/\/w480\.webp$/, "/w160.webp")} 160w, ${src} 480w`;

/**
 * One product in a grid: picture, name in the buyer's language (or marked), maker, "from" price, where it ships
 * from for the buyer (one line), MOQ. Its parts are styled by a few classes (tailwind.css, "product cards") rather
 * than ~60 utility classes repeated on each of a page's 24 cards.
 */
export function ProductCardView({ card, headingLevel = 3 }: { card: ProductCard; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    // The name's link sits in clipping boxes (line-clamp, the card's rounded corners): its focus ring is drawn
    // around the whole card instead, where nothing cuts it off.
    <article className="pcard" data-testid="product-card" data-slug={card.slug}>
      <Link to={card.href} className="pcard-media" tabIndex={-1} aria-hidden discover="none">
        {card.image ? <img src={card.image.src} srcSet={srcSetOf(card.image.src)} sizes="(min-width: 1024px) 240px, (min-width: 640px) 33vw, 50vw" alt="" loading="lazy" decoding="async" /> : <ProductPlaceholder />}
      </Link>
      <div className="pcard-body">
        <Heading className="pcard-name">
          <Link to={card.href} lang={LOCALE_TAGS[card.nameLang as Lang]} data-testid="product-card-name">
            {card.name}
          </Link>
        </Heading>
        {card.nameNote ? (
          <div>
            <TranslationNote note={card.nameNote} shownIn={card.nameLang as Lang} sourceLang={card.sourceLang as Lang} />
          </div>
        ) : null}
        <p className="pcard-maker">
          <span className="truncate" data-testid="product-card-maker">
            {card.maker.name}
          </span>
          {card.maker.verified ? <VerifiedMark /> : null}
        </p>
        <div className="pcard-foot">
          {card.priceFrom ? (
            <p className="leading-tight">
              <span className="pcard-note block">{t("browse.card.from")}</span>
              <span className="pcard-price" data-testid="product-card-price">
                {card.priceFrom}
              </span>
            </p>
          ) : null}
          {card.priceOriginal ? <p className="pcard-note" data-testid="product-card-original">{t("browse.card.original", { price: card.priceOriginal, incoterm: t(`browse.incoterm.${card.incoterm}`) })}</p> : null}
          {card.availability ? (
            <p className={`pcard-avail pcard-${card.availability.tone}`} data-testid="product-card-availability" data-tone={card.availability.tone}>
              <AvailabilityIcon tone={card.availability.tone} />
              <span>{card.availability.text}</span>
            </p>
          ) : null}
          <p className="pcard-moq" data-testid="product-card-moq">
            {t("browse.card.moq", { quantity: t(`browse.units.${card.unit}`, { count: card.moq, n: card.moqFormatted }) })}
          </p>
          {/* With a delivery location the availability line already says how long; the production time alone would contradict it. */}
          {!card.availability || card.availability.tone === "elsewhere" ? <p className="pcard-note">{t("browse.card.leadTime", { count: card.leadTimeDays, n: card.leadTimeFormatted })}</p> : null}
        </div>
      </div>
    </article>
  );
}

/** A box for stock near the buyer, a ship for goods coming from Zhuhai. Decorative: the text says it. */
export function AvailabilityIcon({ tone }: { tone: "stock" | "partial" | "origin" | "elsewhere" | "unknown" }) {
  // Drawn by the stylesheet (.avail-icon-*), not as an inline SVG in each of a listing's cards (~330 bytes each).
  return <span aria-hidden className={tone === "stock" || tone === "partial" || tone === "elsewhere" ? "avail-icon avail-icon-box" : "avail-icon avail-icon-ship"} />;
}
