import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="py-10 text-center">
      <h1 className="text-2xl font-bold text-stone-900">页面不存在</h1>
      <p className="mt-3 text-stone-600">这篇文章可能尚未发布、已被撤下，或链接有误。</p>
      <ul className="mt-6 flex justify-center gap-4">
        <li>
          <Link
            href="/"
            className="rounded border border-stone-300 px-4 py-2 hover:border-red-700 hover:text-red-700"
          >
            返回首页
          </Link>
        </li>
        <li>
          <Link
            href="/categories"
            className="rounded border border-stone-300 px-4 py-2 hover:border-red-700 hover:text-red-700"
          >
            浏览分类
          </Link>
        </li>
      </ul>
    </section>
  );
}
