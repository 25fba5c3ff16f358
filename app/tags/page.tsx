import { termIndexRoute } from '@/components/term-routes';

export const revalidate = 60;

const route = termIndexRoute('tag');
export const { generateMetadata } = route;
export default route.Page;
