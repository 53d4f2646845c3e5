/** The texts of `@chatstream/ui/markdown`, exactly as shown in English (see `LabelKey` in `@chatstream/ui`). */
export type MarkdownLabelKey =
  // Code blocks: the language shown when the fence names none, and the Copy button
  | 'text'
  | 'Copy'
  | 'Copied'
  | 'Copy failed'
  | 'Copy {0}'
  | 'Copy code'
  | 'Hidden characters shown as \\u codes'
  // What scrolls by itself: a code block (with its language, or without) and a table
  | '{0} code'
  | 'Code'
  | 'Table'
  // Links, images and task lists
  | 'Link removed: unsafe address'
  | 'Image from {0}, not loaded'
  | 'Done'
  | 'Not done';
