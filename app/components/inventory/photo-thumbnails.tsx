/** Discrepancy photos as thumbnails opening the full picture: shared by the manufacturer's and the warehouse's pages. */
export function PhotoThumbnails({ photos, alt, size }: { photos: { id: string; thumbnail: string; full: string }[]; alt: (index: number) => string; size: 80 | 96 }) {
  const box = size === 96 ? "h-24 w-24" : "h-20 w-20";
  return (
    <ul className="mt-2 flex flex-wrap gap-2">
      {photos.map((p, i) => (
        <li key={p.id}>
          <a href={p.full} target="_blank" rel="noreferrer" className="block rounded border border-slate-200 hover:border-brand-500 focus-visible:outline">
            <img src={p.thumbnail} alt={alt(i)} width={size} height={size} loading="lazy" className={`${box} rounded object-cover`} />
          </a>
        </li>
      ))}
    </ul>
  );
}
