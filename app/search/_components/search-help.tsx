import Link from 'next/link';

import { MAX_QUERY_CHARS, MAX_TERMS } from '@/lib/search-query';

const MESSAGES = {
  empty: '请输入要搜索的词。',
  'too-long': `搜索词太长了：最多 ${MAX_QUERY_CHARS} 个字。请只保留最关键的几个词。`,
  'too-many-terms': `关键词太多了：最多 ${MAX_TERMS} 个，用空格分开。`,
  'past-end': '没有更多结果了。',
};

/** What to do when a query cannot be searched as it is. */
export function SearchHelp({
  reason,
  firstPage,
}: {
  reason: keyof typeof MESSAGES;
  firstPage?: string;
}) {
  return (
    <div className="text-ink mt-6">
      <p>{MESSAGES[reason]}</p>
      {firstPage ? (
        <p className="mt-2">
          <Link href={firstPage} className="text-accent hover:underline">
            回到第一页结果
          </Link>
        </p>
      ) : null}
      <ul className="text-faint mt-4 list-disc space-y-1 pl-5 text-sm">
        <li>标题和正文都会被搜索，中文无需分词：输入「新能源汽车」或「经济」即可。</li>
        <li>多个词用空格分开，结果须包含每一个词。</li>
        <li>
          也可以按
          <Link href="/categories" className="text-accent hover:underline">
            分类
          </Link>
          或
          <Link href="/tags" className="text-accent hover:underline">
            标签
          </Link>
          浏览。
        </li>
      </ul>
    </div>
  );
}
