import Link from 'next/link';

export function Pagination({
  page,
  pages,
  href,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
}) {
  if (pages <= 1) return null;
  const linkClass = 'rounded border border-line px-3 py-1.5 hover:border-accent hover:text-accent';
  return (
    <nav aria-label="分页" className="text-ink mt-6 flex items-center justify-between text-sm">
      {page > 1 ? (
        <Link href={href(page - 1)} rel="prev" className={linkClass}>
          上一页
        </Link>
      ) : (
        <span />
      )}
      <span>
        第 {page} / {pages} 页
      </span>
      {page < pages ? (
        <Link href={href(page + 1)} rel="next" className={linkClass}>
          下一页
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
