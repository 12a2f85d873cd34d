// ms.GenerateURLForUploadFile and ms.GenerateURLForDownloadFile (protocol reference §7): signed,
// expiring temp URLs of the stand-in's swift store (server/state/swift.ts). Both answer
// `ms.GenerateURLResponse` (the schema's default type) with `{relativePath, queryParams}`.
import { Errors, Refusal } from '../errors';
import { DOCUMENT_TYPES, MAX_FILE_BYTES, swiftOf, UPLOAD_TYPES } from '../state/swift';
import type { Handler } from './context';
import { obj, oneOf, str } from './fields';

const RESPONSE = 'ms.GenerateURLResponse';

/** `fileSize` is a string in the schema and a number in LivePerson's examples: both are taken. */
function fileSize(v: unknown): number {
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,10}$/.test(v) ? Number(v) : Number.NaN;
  if (!Number.isInteger(n) || n < 1) throw new Refusal(400, Errors.badField('fileSize', 'a positive integer (bytes)'));
  if (n > MAX_FILE_BYTES) throw new Refusal(413, Errors.badField('fileSize', `at most ${MAX_FILE_BYTES} bytes`));
  return n;
}

/**
 * The account's file sharing: off, 403 [INF: LivePerson documents no code]; a type the account does
 * not allow, 400; the documents only for a consumer that announced FILE_SHARING [INF].
 */
export const generateUploadUrl: Handler = (rc, req) => {
  const body = obj(req.body, 'body');
  const { settings } = rc.account;
  if (!settings.fileSharing) throw new Refusal(403, 'File sharing is disabled for this account');
  const wider = rc.account.consumerFeatures.get(rc.link.consumerId)?.has('FILE_SHARING') === true;
  const known = wider ? [...UPLOAD_TYPES, ...DOCUMENT_TYPES] : UPLOAD_TYPES;
  const fileType = oneOf(body.fileType, known.filter((t) => settings.fileTypes.includes(t)), 'fileType');
  const size = fileSize(body.fileSize);
  return { type: RESPONSE, body: swiftOf(rc.account).uploadUrl(rc.account.id, fileType, size) };
};

export const generateDownloadUrl: Handler = (rc, req) => {
  const relativePath = str(obj(req.body, 'body'), 'relativePath');
  // Only the account's own files: a path of another account is as unknown as a missing one.
  const own = relativePath.startsWith(`/v1/AUTH_async-images/${rc.account.id}/`);
  const url = own ? swiftOf(rc.account).downloadUrl(relativePath) : undefined;
  if (!url) throw new Refusal(404, Errors.badField('relativePath', 'the path of a stored file'));
  return { type: RESPONSE, body: url };
};
