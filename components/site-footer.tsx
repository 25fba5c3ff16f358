import { SITE_NAME } from '@/lib/site';

export function SiteFooter() {
  return (
    <footer className="border-line text-muted mt-12 border-t py-6 text-center text-sm print:hidden">
      <p>{SITE_NAME} · 全部文章永久在线 · 时间均为北京时间</p>
    </footer>
  );
}
