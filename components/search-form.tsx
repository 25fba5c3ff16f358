import clsx from 'clsx';

import { MAX_QUERY_CHARS } from '@/lib/search-query';

/** A plain GET form to /search: works without JavaScript, from any page. */
export function SearchForm({
  id,
  label,
  defaultValue,
  className,
}: {
  id: string;
  label: string;
  defaultValue?: string;
  className?: string;
}) {
  return (
    <form
      action="/search"
      method="get"
      role="search"
      aria-label={label}
      className={clsx('flex', className)}
    >
      <label htmlFor={id} className="sr-only">
        搜索标题和正文
      </label>
      <input
        id={id}
        type="search"
        name="q"
        defaultValue={defaultValue}
        maxLength={MAX_QUERY_CHARS}
        placeholder="搜索标题和正文"
        className="border-line bg-card text-ink placeholder:text-faint focus:border-accent w-full min-w-0 rounded-l border px-3 py-1.5 text-[15px]"
      />
      <button
        type="submit"
        className="shrink-0 rounded-r border border-l-0 border-red-700 bg-red-700 px-3 py-1.5 text-[15px] text-white hover:bg-red-800"
      >
        搜索
      </button>
    </form>
  );
}
