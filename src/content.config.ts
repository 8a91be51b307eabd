/**
 * The content layer: one collection of notes, validated by the schema in src/lib/schema.ts.
 * RR_CONTENT_DIR points the build at another notes folder (the bad-input fixtures use it).
 */
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { noteSchema } from './lib/schema.ts';

const notes = defineCollection({
  loader: glob({ pattern: '**/*.mdx', base: process.env['RR_CONTENT_DIR'] ?? './content/notes' }),
  schema: noteSchema,
});

export const collections = { notes };
