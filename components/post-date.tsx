import { DateLink } from '@/components/date-link';
import { dayHref } from '@/lib/archive-paths';
import { displayDateTime, isoInZone } from '@/lib/format';

/** A post's time in the site zone, linking to the day's archive (every post of that day). */
export function PostDate({ date, className }: { date: number; className?: string }) {
  return (
    <DateLink
      href={dayHref(date)}
      datetime={isoInZone(date)}
      text={displayDateTime(date)}
      className={className}
    />
  );
}
