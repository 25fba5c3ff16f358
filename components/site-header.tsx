import Link from 'next/link';

import { SearchForm } from '@/components/search-form';
import { SITE_NAME } from '@/lib/site';

export function SiteHeader() {
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-xl font-bold tracking-wide text-red-700">
          {SITE_NAME}
        </Link>
        <nav aria-label="主导航" className="flex gap-5 text-[15px] text-stone-700">
          <Link href="/" className="hover:text-red-700">
            首页
          </Link>
          <Link href="/categories" className="hover:text-red-700">
            分类
          </Link>
          <Link href="/tags" className="hover:text-red-700">
            标签
          </Link>
        </nav>
        <SearchForm id="site-search-q" label="站内搜索" className="w-full sm:w-64" />
      </div>
    </header>
  );
}
