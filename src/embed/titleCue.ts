// The page title as an attention cue: while the tab is hidden or the window closed, unread agent
// messages show as "(2) " before the page's own title, which comes back once they are read, the
// window is open in a visible tab, or the widget is destroyed. A title the page sets meanwhile
// (an SPA changing routes) becomes the one to restore.

export interface TitleCue {
  update(unread: number, open: boolean): void;
}

export function createTitleCue(doc: Document): TitleCue {
  /** The page's own title while ours shows, else undefined. */
  let pageTitle: string | undefined;
  let ours = '';
  return {
    update(unread, open) {
      if (unread > 0 && (!open || doc.hidden)) {
        if (doc.title !== ours) pageTitle = doc.title;
        ours = `(${unread}) ${pageTitle}`;
        doc.title = ours;
      } else if (pageTitle !== undefined) {
        if (doc.title === ours) doc.title = pageTitle;
        pageTitle = undefined;
      }
    },
  };
}
