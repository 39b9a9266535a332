import { type Browser, chromium } from "playwright-core";

/** Debian's Chromium, headless, with the flags this closed network needs (no background fetches). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Where browser tests save screenshots: apps/web/test-results/screenshots/NAME.png. */
export function screenshotPath(name: string): string {
  return new URL(`../test-results/screenshots/${name}.png`, import.meta.url).pathname;
}
