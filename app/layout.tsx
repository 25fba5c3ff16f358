import type { Metadata, Viewport } from 'next';

import './globals.css';

import { SiteFooter } from '@/components/site-footer';
import { SiteHeader } from '@/components/site-header';
import { listingMetadata } from '@/lib/seo';
import { SITE_DESCRIPTION, SITE_NAME, SITE_URL } from '@/lib/site';

// Defaults for pages that set none of their own (search, not found); each page's own
// openGraph, twitter and alternates replace these whole.
const defaults = listingMetadata({ title: SITE_NAME, description: SITE_DESCRIPTION, path: '/' });

export const metadata: Metadata = {
  metadataBase: new URL(SITE_URL),
  title: { default: SITE_NAME, template: `%s - ${SITE_NAME}` },
  description: SITE_DESCRIPTION,
  alternates: { types: defaults.alternates?.types },
  openGraph: { ...defaults.openGraph, url: undefined },
  twitter: defaults.twitter,
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1 };

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen bg-stone-50 font-sans text-stone-900 antialiased">
        <SiteHeader />
        <main className="mx-auto max-w-3xl px-4 py-6">{children}</main>
        <SiteFooter />
      </body>
    </html>
  );
}
