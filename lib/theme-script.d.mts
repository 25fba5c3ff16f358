export const THEME_KEY: string;
export const THEME_SCRIPT: string;
