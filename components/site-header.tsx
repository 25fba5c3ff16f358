import Link from 'next/link';

import { SearchForm } from '@/components/search-form';
import { ThemeToggle } from '@/components/theme-toggle';
import { SITE_NAME } from '@/lib/site';

export function SiteHeader() {
  return (
    <header className="border-line bg-card border-b print:hidden">
      <div className="mx-auto flex max-w-3xl flex-wrap items-center justify-between gap-x-6 gap-y-2 px-4 py-3">
        <Link href="/" className="text-accent text-xl font-bold tracking-wide">
          {SITE_NAME}
        </Link>
        <nav aria-label="主导航" className="text-ink flex items-center gap-5 text-[15px]">
          <Link href="/" className="hover:text-accent">
            首页
          </Link>
          <Link href="/categories" className="hover:text-accent">
            分类
          </Link>
          <Link href="/tags" className="hover:text-accent">
            标签
          </Link>
          <ThemeToggle />
        </nav>
        <SearchForm id="site-search-q" label="站内搜索" className="w-full sm:w-64" />
      </div>
    </header>
  );
}
