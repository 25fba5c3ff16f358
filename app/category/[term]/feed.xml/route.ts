import { termFeedRoute } from '@/components/term-routes';

export const revalidate = 60;
export const dynamicParams = true;

export const { generateStaticParams, GET } = termFeedRoute('category');
