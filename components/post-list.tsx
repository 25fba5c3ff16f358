import { PostCard } from '@/components/post-card';
import { toCard } from '@/lib/cards';
import { getTermNames } from '@/lib/store';
import type { PostMeta } from '@/lib/types';

export function PostList({ posts }: { posts: PostMeta[] }) {
  const names = getTermNames();
  return (
    <ol className="divide-line divide-y">
      {posts.map((post) => (
        <PostCard key={post.path} card={toCard(post, names)} />
      ))}
    </ol>
  );
}
