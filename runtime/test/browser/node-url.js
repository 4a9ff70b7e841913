// node:url for the browser: file paths are plain URLs here.
export const fileURLToPath = (url) => String(url);
