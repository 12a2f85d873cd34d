import { describe, expect, it } from 'vitest';
import { PICTURE_URL_MAX, pictureOf } from './profiles';

describe('agent pictures from the profile', () => {
  it('keeps https and data:image/* pictures only', () => {
    expect(pictureOf('https://cdn.example/a.png')).toBe('https://cdn.example/a.png');
    expect(pictureOf('data:image/png;base64,iVBORw0KGgo=')).toBe('data:image/png;base64,iVBORw0KGgo=');
    expect(pictureOf('data:image/svg+xml;base64,PHN2Zy8+')).toBe('data:image/svg+xml;base64,PHN2Zy8+');
    for (const bad of ['http://cdn.example/a.png', 'javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', 'data:image/x-icon;base64,AA', '//cdn.example/a.png', 'https://a .example/x', '', 42, null, undefined]) {
      expect(pictureOf(bad), String(bad)).toBeUndefined();
    }
    expect(pictureOf(`data:image/png;base64,${'A'.repeat(PICTURE_URL_MAX)}`)).toBeUndefined();
  });
});
