import Link from 'next/link';

import { DateLink } from '@/components/date-link';
import { TermLinkList } from '@/components/term-link-list';
import type { PostCardData } from '@/lib/cards';

/** One entry of a list of posts: title, excerpt, time and categories. */
export function PostCard({ card }: { card: PostCardData }) {
  return (
    <li className="py-4">
      <h2 className="text-ink text-[17px] leading-snug font-semibold break-words">
        <Link href={card.href} className="hover:text-accent">
          {card.title}
        </Link>
      </h2>
      {card.excerpt ? (
        <p className="text-muted mt-1 line-clamp-2 text-[15px] leading-relaxed">{card.excerpt}</p>
      ) : null}
      <div className="text-faint mt-1.5 flex flex-wrap items-center gap-x-3 gap-y-1 text-[13px]">
        <DateLink href={card.day} datetime={card.datetime} text={card.when} />
        <TermLinkList kind="category" links={card.categories} />
      </div>
    </li>
  );
}
