import type { ReactNode } from 'react';
import { useLabels } from '../labels.tsx';
import { rootProps, type BlockPartProps } from './part-props.ts';

/** Props of {@link ContainerUploadBlock}. */
export type ContainerUploadBlockProps = BlockPartProps;

/**
 * A `container_upload`: a file (from the Files API) put where code execution can read it, shown as
 * a chip with its `file_id`, which is all the block says about it.
 *
 * @example
 * <ContainerUploadBlock block={{ type: 'container_upload', file_id: 'file_1' }} index={0} message={message} progress={undefined} />
 */
export function ContainerUploadBlock(props: ContainerUploadBlockProps): ReactNode {
  const t = useLabels();
  const fileId = props.block['file_id'];
  return (
    <div
      data-slot="container-upload-block"
      role="group"
      aria-label={t('File for code execution')}
      {...rootProps(props)}
    >
      <span data-slot="container-upload-label">{t('File for code execution')}</span>{' '}
      {typeof fileId === 'string' ? <code data-slot="container-upload-file-id">{fileId}</code> : null}
    </div>
  );
}
