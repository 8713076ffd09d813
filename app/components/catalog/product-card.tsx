import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LOCALE_TAGS, type Lang } from "~/modules/i18n/config";
import type { ProductCard } from "~/modules/catalog/product-card.server";
import { productPath } from "~/modules/catalog/product-path";
import { ProductPlaceholder } from "./product-placeholder";
import { TranslationNote } from "./translation-note";
import { VerifiedMark } from "./verified-mark";

/** The 160 px rendition next to the 480 px one (images.server.ts names them `…/w{width}.webp`). */
const srcSetOf = (src: string) => `${src.replace(/\/w480\.webp$/, "/w160.webp")} 160w, ${src} 480w`;

/**
 * One product in a grid: picture, name in the buyer's language (or marked), maker, "from" price, where it ships
 * from for the buyer (one line), MOQ. Its parts are styled by a few classes (tailwind.css, "product cards") rather
 * than ~60 utility classes repeated on each of a page's 24 cards; tests find the parts by those classes too, since
 * a test id on each part of 24 cards weighed ~5 kB of every listing.
 *
 * One link per card: the name's. Its `::after` covers the whole card (`.pcard-name a`), so the picture is clickable
 * without a second link to the same page in the HTML, and a keyboard or screen reader meets the product once.
 */
export function ProductCardView({ card, lang, headingLevel = 3 }: { card: ProductCard; lang: Lang; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    // The name's link sits in clipping boxes (line-clamp, the card's rounded corners): its focus ring is drawn
    // around the whole card instead, where nothing cuts it off.
    <article className="pcard" data-testid="product-card">
      <div className="pcard-media">
        {card.image ? <img src={card.image.src} srcSet={srcSetOf(card.image.src)} sizes="(min-width: 1024px) 240px, (min-width: 640px) 33vw, 50vw" alt="" loading="lazy" decoding="async" /> : <ProductPlaceholder />}
      </div>
      <div className="pcard-body">
        <Heading className="pcard-name">
          {/* The page's own language needs no lang attribute; a name shown in another language does. */}
          <Link to={productPath(lang, card.slug)} lang={card.nameLang === lang ? undefined : LOCALE_TAGS[card.nameLang as Lang]}>
            {card.name}
          </Link>
        </Heading>
        {card.nameNote ? (
          <div>
            <TranslationNote note={card.nameNote} shownIn={card.nameLang as Lang} sourceLang={(card.sourceLang ?? card.nameLang) as Lang} />
          </div>
        ) : null}
        <p className="pcard-maker">
          <span>{card.maker.name}</span>
          {card.maker.verified ? <VerifiedMark compact /> : null}
        </p>
        <div className="pcard-foot">
          {card.priceFrom ? (
            <p className="pcard-from">
              <span className="pcard-note">{t("browse.card.from")}</span>
              <span className="pcard-price">{card.priceFrom}</span>
            </p>
          ) : null}
          {card.priceOriginal ? <p className="pcard-original">{t("browse.card.original", { price: card.priceOriginal, incoterm: t(`browse.incoterm.${card.incoterm}`) })}</p> : null}
          {card.availability ? (
            // Its icon is the line's ::before (tailwind.css, by tone), not an element in each of 24 cards.
            <p className={`pcard-avail pcard-${card.availability.tone}`}>{card.availability.text}</p>
          ) : null}
          <p className="pcard-moq">{t("browse.card.moq", { quantity: t(`browse.units.${card.unit}`, { count: card.moq, n: card.moqFormatted }) })}</p>
          {/* Sent only when shown: with a delivery location the availability line already says how long (presentCard). */}
          {card.leadTimeDays !== undefined ? <p className="pcard-note">{t("browse.card.leadTime", { count: card.leadTimeDays, n: card.leadTimeFormatted })}</p> : null}
        </div>
      </div>
    </article>
  );
}

/** A box for stock near the buyer, a ship for goods coming from Zhuhai (the product page's lines). Decorative: the text says it. */
export function AvailabilityIcon({ tone }: { tone: "stock" | "partial" | "origin" | "elsewhere" | "unknown" }) {
  // Drawn by the stylesheet (.avail-icon-*), not as an inline SVG in each of a listing's cards (~330 bytes each).
  return <span aria-hidden className={tone === "stock" || tone === "partial" || tone === "elsewhere" ? "avail-icon avail-icon-box" : "avail-icon avail-icon-ship"} />;
}
