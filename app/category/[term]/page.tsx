import { termListRoute } from '@/components/term-routes';

export const revalidate = 60;
export const dynamicParams = true;

const route = termListRoute('category', false);
export const { generateStaticParams, generateMetadata } = route;
export default route.Page;
