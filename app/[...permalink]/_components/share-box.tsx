import { CopyLink } from '@/app/[...permalink]/_components/copy-link';
import { QrCode } from '@/app/[...permalink]/_components/qr-code';

/** Sharing an article: copy its link, or scan its QR code in WeChat. */
export function ShareBox({ url }: { url: string }) {
  return (
    <section aria-labelledby="share-heading" className="mt-6 print:hidden">
      <h2 id="share-heading" className="text-ink text-base font-semibold">
        分享
      </h2>
      <div className="mt-3 flex flex-wrap items-start gap-6">
        <CopyLink url={url} />
        <figure className="text-center">
          <QrCode text={url} label={`本文链接的二维码：${url}`} />
          <figcaption className="text-muted mt-1">微信扫一扫，分享给朋友</figcaption>
        </figure>
      </div>
    </section>
  );
}
