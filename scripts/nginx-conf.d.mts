export const NGINX_TEMPLATE: string;
export function nginxConf(options: {
  listen: number;
  upstreams: number[];
  foreground?: boolean;
}): string;
