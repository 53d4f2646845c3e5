/**
 * The texts of `@chatstream/ui/attachments`, exactly as shown in English (see `LabelKey` in
 * `@chatstream/ui`). Where a count is written as English writes it ("1,204", "4.2"), the number
 * itself comes after the `{0}` value, for a function to write it its own way or pick a plural.
 */
export type AttachmentLabelKey =
  // The composer and its list of files
  | 'Attach files'
  | '1 file attached'
  | '{0} files attached'
  | 'Attachments'
  | 'Remove {0}'
  // Files left out ({0} the first one's name, {1} how many more, then the limit)
  | '{0} and {1} more'
  | '{0} was not added: a message holds at most {1} files.'
  | '{0} and {1} more were not added: a message holds at most {2} files.'
  | '{0} is not a readable image (it may be damaged).'
  // Files refused by `fileToContentBlock`, in the reader's English ({0} the file's name, else
  // 'The file'; sizes in its units, KiB and MiB, as bytes / 1024)
  | 'The file'
  | '{0} is empty.'
  | '{0} is not an image (JPEG, PNG, GIF, WebP), a PDF or text.'
  | '{0} is not an image (JPEG, PNG, GIF, WebP), a PDF or text (it is {1}).'
  | '{0} is {1}; the limit is {2}.'
  | '{0} KiB'
  | '{0} MiB'
  | '{0} could not be read (is it a folder, or was it moved or deleted?).'
  // Documents
  | 'PDF document'
  | 'PDF'
  | 'PDF · {0}'
  | '{0} bytes'
  | '{0} KB'
  | '{0} MB'
  | 'Text document'
  | 'Text · 1 character'
  | 'Text · {0} characters'
  | 'Document'
  | 'Link'
  | 'Link · {0}'
  | 'Link not shown'
  | 'Uploaded file'
  // Images
  | 'Image'
  | '{0} image'
  | 'Image from {0}'
  | 'No image data'
  | 'Cannot be shown'
  | 'Could not be shown';
