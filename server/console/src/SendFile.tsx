// The agent sends an image or a file from the person's disk: its bytes go to the stand-in's swift
// store with the control API's `file` action (base64, at most 3 MB), which publishes the hosted/file
// ContentEvent the visitor's widget downloads with ms.GenerateURLForDownloadFile.
import { useId, useState } from 'react';
import type { AccountApi } from './api';
import type { HostedFileType } from '../../control-client';
import { useAction } from './queries';

const MAX_BYTES = 3 * 1024 * 1024;
const TYPES: Record<string, HostedFileType> = { png: 'PNG', jpg: 'JPG', jpeg: 'JPG', gif: 'GIF', pdf: 'PDF', txt: 'TXT' };

interface Props {
  api: Pick<AccountApi, 'sendFile'>;
  account: string;
  conversationId: string;
  agentId: string;
}

function base64(bytes: ArrayBuffer): string {
  let binary = '';
  const view = new Uint8Array(bytes);
  for (let i = 0; i < view.length; i += 0x8000) binary += String.fromCharCode(...view.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function SendFile({ api, account, conversationId, agentId }: Props) {
  const id = useId();
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const send = useAction(account, async (file: File) => {
    const data = base64(await file.arrayBuffer());
    const fileType = TYPES[file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase()] as HostedFileType;
    return api.sendFile(conversationId, { agentId, caption: file.name, fileType, data });
  });
  const onPick = (file: File | undefined) => {
    setProblem(undefined);
    if (!file) return;
    if (!TYPES[file.name.slice(file.name.lastIndexOf('.') + 1).toLowerCase()]) return setProblem(`${file.name}: only PNG, JPG, GIF, PDF or TXT files`);
    if (file.size === 0 || file.size > MAX_BYTES) return setProblem(`${file.name}: at most 3 MB (and not empty)`);
    send.mutate(file);
  };
  return (
    <div className="field send-file">
      <label htmlFor={`${id}-file`}>Send a file (image, PDF or text, up to 3 MB)</label>
      <input
        id={`${id}-file`}
        type="file"
        accept=".png,.jpg,.jpeg,.gif,.pdf,.txt"
        disabled={send.isPending}
        onChange={(e) => {
          onPick(e.target.files?.[0]);
          e.target.value = '';
        }}
      />
      {problem && <p role="alert" className="hint">{problem}</p>}
    </div>
  );
}
