/** While the full-text index is still being built, results cover the posts indexed so far. */
export function SearchIndexing({ pending, posts }: { pending: number; posts: number }) {
  const done = posts > 0 ? Math.floor((100 * Math.max(0, posts - pending)) / posts) : 0;
  return (
    <p role="status" className="mt-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
      全文索引仍在建立中（已完成 {done}%），结果暂不完整，请稍后再搜。
    </p>
  );
}
