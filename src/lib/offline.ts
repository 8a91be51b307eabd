/** Names shared by the download page and the offline packaging step (scripts/offline.ts). */
export const OFFLINE_ZIP = 'recall-and-rank-offline.zip';
/** Replaced in the built download page by the zip's real size once it exists. */
export const SIZE_PLACEHOLDER = 'size computed at build';
