// What is done with a file before the session sends it: the check against the policy (a sessionError
// for a wrong type or size, nothing sent), and for an image the canvas thumbnail. A lazy chunk,
// fetched when the visitor first attaches a file.
import { checkFile } from '../../core/fileCheck';
import { isImageType, type FilePolicy, type PickedFile } from '../../core/files';
import { makeThumbnail } from './thumbnail';

export async function prepareFile(file: PickedFile, policy: FilePolicy): Promise<{ preview?: string }> {
  const type = await checkFile(file, policy);
  const preview = isImageType(type) ? await makeThumbnail(file) : undefined;
  return preview ? { preview } : {};
}
