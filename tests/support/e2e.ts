/** Shared set-up of the browser tests: the built site on a local port and one Chromium. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { chromePath, launch } from './browser.ts';
import { serve } from './server.ts';
import { DIST } from './site.ts';

export const hasBrowser = Boolean(chromePath);

export interface E2E {
  url: string;
  browser: Browser;
  /** A fresh context (own storage) and page; errors in the page fail the test. */
  page(options?: {
    colorScheme?: 'light' | 'dark';
    width?: number;
  }): Promise<{ page: Page; context: BrowserContext; errors: string[] }>;
}

export function useSite(): E2E {
  const state = {} as { url: string; browser: Browser; close(): Promise<void> };
  beforeAll(async () => {
    if (!hasBrowser) return;
    const server = await serve(DIST);
    state.url = server.url;
    state.close = server.close;
    state.browser = await launch();
  });
  afterAll(async () => {
    await state.browser?.close();
    await state.close?.();
  });
  return {
    get url() {
      return state.url;
    },
    get browser() {
      return state.browser;
    },
    async page(options = {}) {
      const context = await state.browser.newContext({
        colorScheme: options.colorScheme ?? 'light',
        viewport: { width: options.width ?? 1280, height: 900 },
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      return { page, context, errors };
    },
  };
}
