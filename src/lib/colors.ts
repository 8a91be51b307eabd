/**
 * Series colours as CSS variables (defined for both themes in src/styles/global.css), so charts
 * follow the theme. Kept apart from figure.ts so demo bundles can use them without pulling in
 * the build-time plotting library.
 */
export const FIG_COLORS = ['var(--fig-1)', 'var(--fig-2)', 'var(--fig-3)', 'var(--fig-4)', 'var(--fig-5)'] as const;
