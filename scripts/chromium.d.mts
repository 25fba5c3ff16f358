export const CHROMIUM_FLAGS: string[];
export function launchOptions(): { executablePath?: string; args?: string[] };
export function chromiumPath(): string;
