import clsx from 'clsx';
import Link from 'next/link';

/** A post's time (as readers see it), linking to its day's archive when it has one. */
export function DateLink({
  href,
  datetime,
  text,
  className,
}: {
  href: string | null;
  /** ISO 8601 with the site zone's offset. */
  datetime: string;
  text: string;
  className?: string;
}) {
  const time = <time dateTime={datetime}>{text}</time>;
  if (!href) return <span className={className}>{time}</span>;
  return (
    <Link
      href={href}
      prefetch={false}
      className={clsx(
        'hover:text-accent underline decoration-dotted underline-offset-4',
        className,
      )}
    >
      {time}
    </Link>
  );
}
