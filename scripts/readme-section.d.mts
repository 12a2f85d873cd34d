/** Writes `content` between `<!-- name:start -->` and `<!-- name:end -->` in `file`; throws without the markers. */
export function writeSection(file: string, name: string, content: string): void;
