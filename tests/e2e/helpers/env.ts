// Where the sandbox servers started by playwright.config.ts listen, and their fixed settings.
// E2E_PORT moves both (the second is E2E_PORT + 1), so two suites can run side by side.
export const MAIN_PORT = Number(process.env.E2E_PORT ?? 8091);
export const EXPIRY_PORT = MAIN_PORT + 1;
export const BASE_URL = `http://127.0.0.1:${MAIN_PORT}`;
/** The server whose QR codes are valid for only this many seconds. */
export const EXPIRY_URL = `http://127.0.0.1:${EXPIRY_PORT}`;
/** The front that passes the API calls through Prism to the first server (playwright.config.ts). */
export const CONTRACT_PORT = MAIN_PORT + 20;
export const CONTRACT_URL = `http://127.0.0.1:${CONTRACT_PORT}`;
export const SHORT_QR_VALIDITY_S = 6;
/** SANDBOX_CAPTCHA: every captcha the sandboxes issue reads this. */
export const CAPTCHA = 'TEST1';
