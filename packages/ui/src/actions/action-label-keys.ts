/** The texts of `@chatstream/ui/actions`, exactly as shown in English (see `LabelKey` in `@chatstream/ui`). */
export type ActionLabelKey =
  // CopyButton
  | 'Copy'
  | 'Copied'
  | 'Could not copy'
  // createMessageWithActions
  | 'Regenerate'
  | 'Edit'
  // MessageEditForm
  | 'Edit message'
  | 'Save & resend'
  | 'Cancel'
  // ({0} a file's name, or what kind of image it is)
  | 'Attachments'
  | 'Remove {0}'
  | 'Document'
  | 'Image'
  | '{0} image'
  // VersionSwitch ({0} the version shown, counted from 1; {1} how many there are)
  | 'Previous version'
  | 'Next version'
  | 'Version {0} of {1}'
  | '{0} / {1}';
