import { plainTextToRichText, richTextIsEmpty, sanitizeRichText } from './rich-text';

describe('rich text', () => {
  it('keeps paragraphs, bold, italic, lists and safe links', () => {
    const html =
      '<p>Een <strong>vet</strong>, <em>schuin</em> en <a href="mailto:bureau@example.nl">mail</a></p><ol><li><p>a</p></li></ol>';
    expect(sanitizeRichText(html)).toBe(html);
  });

  it('takes out scripts with their content, handlers, styles, images and unsafe links', () => {
    expect(
      sanitizeRichText(
        '<p style="color:red" onclick="x()">Hoi<script>alert(1)</script><img src=x onerror=alert(2)>' +
          '<a href="javascript:alert(3)" target="_blank">a</a><a href="//evil.example">b</a><a href="data:text/html,x">c</a></p>' +
          '<iframe src="https://evil.example">tekst</iframe><svg><script>alert(4)</script></svg>',
      ),
    ).toBe('<p>Hoi<a>a</a><a>b</a><a>c</a></p>');
  });

  it('maps b and i, and headings to paragraphs', () => {
    expect(sanitizeRichText('<h2>Kop</h2><b>vet</b> <i>schuin</i>')).toBe(
      '<p>Kop</p><strong>vet</strong> <em>schuin</em>',
    );
  });

  it('takes plain text as points or paragraphs, escaped', () => {
    expect(sanitizeRichText('een\n\n twee < drie ', 'points')).toBe(
      '<ul><li><p>een</p></li><li><p>twee &lt; drie</p></li></ul>',
    );
    expect(plainTextToRichText('a & b\nc')).toBe('<p>a &amp; b</p><p>c</p>');
  });

  it('calls an empty editor empty', () => {
    expect(sanitizeRichText('<p></p>')).toBe('');
    expect(sanitizeRichText('   ')).toBe('');
    expect(richTextIsEmpty('<p>&nbsp;</p>')).toBe(true);
    expect(richTextIsEmpty('<p>x</p>')).toBe(false);
  });
});
