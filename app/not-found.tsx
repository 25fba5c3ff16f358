import type { Metadata } from 'next';
import Link from 'next/link';

const linkClass = 'rounded border border-line px-4 py-2 hover:border-accent hover:text-accent';

// Next adds `<meta name="robots" content="noindex">` to every 404 itself.
export const metadata: Metadata = { title: '页面不存在' };

export default function NotFound() {
  return (
    <section className="py-10 text-center">
      <h1 className="text-ink text-2xl font-bold">页面不存在</h1>
      <p className="text-muted mt-3">
        这个地址没有内容：链接可能有误，或者页面尚未发布、已被撤下。可以从首页或分类重新找起，也可以用上方的搜索。
      </p>
      <ul className="mt-6 flex justify-center gap-4">
        <li>
          <Link href="/" className={linkClass}>
            返回首页
          </Link>
        </li>
        <li>
          <Link href="/categories" className={linkClass}>
            浏览分类
          </Link>
        </li>
      </ul>
    </section>
  );
}
