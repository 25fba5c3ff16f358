export function scriptHash(text: string): string;
export function contentSecurityPolicy(options: { https: boolean }): string;
export function securityHeaders(options: { https: boolean }): { key: string; value: string }[];
