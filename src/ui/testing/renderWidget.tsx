// Renders what ships, the window the embed frame shows (src/embed/FrameWindow.tsx is ParleyRoot +
// ChatWindow), over a fake session for component tests. The launcher lives in the host page (src/embed/launcher.ts): here
// the test opens and closes the window as the frame does, with setOpen (the window's own close
// button and Escape call onClose, which closes it).
import { act, render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { FilePolicy } from '../../core/files';
import type { ChatView, ConnectionView } from '../../core/model';
import type { RichContentReader } from '../../core/rich';
import { ChatWindow } from '../ChatWindow';
import { ParleyRoot } from '../ParleyRoot';
import { createFakeSession } from './fakeSession';

export interface RenderWidgetOptions {
  open?: boolean;
  lang?: string;
  chat?: Partial<ChatView>;
  connection?: ConnectionView;
  /** The URL the fake session's fileUrl() gives for each shared file's path. */
  files?: Record<string, string>;
  /** The session offers markUrgent. */
  markUrgent?: boolean;
  /** The visitor may send files (the fake session has `files`). */
  filePolicy?: FilePolicy;
  /** The session's reader of structured content (the fake session has `richContent`). */
  richContent?: RichContentReader;
}

export function renderWidget(options: RenderWidgetOptions = {}) {
  const session = createFakeSession({
    chat: options.chat,
    connection: options.connection,
    ...(options.files ? { files: options.files } : {}),
    markUrgent: options.markUrgent === true,
    ...(options.filePolicy ? { filePolicy: options.filePolicy } : {}),
    ...(options.richContent ? { richContent: options.richContent } : {}),
  });
  const user = userEvent.setup();
  let open = options.open ?? false;
  const element = () => (
    <ParleyRoot session={session} lang={options.lang}>
      <ChatWindow open={open} onClose={() => setOpen(false)} />
    </ParleyRoot>
  );
  const view = render(element());
  function setOpen(next: boolean) {
    open = next;
    view.rerender(element());
  }
  /** Pushes a snapshot from the "backend"; the components read it through useSyncExternalStore. */
  const push = (update: Parameters<typeof session.push>[0]) =>
    act(async () => {
      session.push(update);
    });
  return {
    session,
    user,
    push,
    /** Opens or closes the window, as the frame does when the loader's launcher is clicked. */
    setOpen: (next: boolean) => act(() => setOpen(next)),
    isOpen: () => open,
    ...view,
  };
}
