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
  const linkClass =
    'rounded border border-stone-300 px-3 py-1.5 hover:border-red-700 hover:text-red-700';
  return (
    <nav
      aria-label="分页"
      className="mt-6 flex items-center justify-between text-sm text-stone-700"
    >
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
