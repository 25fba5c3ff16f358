import { SITE_NAME } from '@/lib/site';

export function SiteFooter() {
  return (
    <footer className="mt-12 border-t border-stone-200 py-6 text-center text-sm text-stone-600">
      <p>{SITE_NAME} · 全部文章永久在线 · 时间均为北京时间</p>
    </footer>
  );
}
