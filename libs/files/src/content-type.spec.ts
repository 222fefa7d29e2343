import { detectType } from './content-type';

describe('detectType (from the bytes, never the name)', () => {
  const zipEntry = (name: string, content: string) => {
    const data = Buffer.from(content);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt32LE(data.length, 18);
    header.writeUInt32LE(data.length, 22);
    header.writeUInt16LE(name.length, 26);
    return Buffer.concat([header, Buffer.from(name), data]);
  };

  it('knows the allowed binary formats', async () => {
    expect(await detectType(Buffer.from('%PDF-1.7\n%%EOF\n'), 'x')).toEqual({
      kind: 'pdf',
      mediaType: 'application/pdf',
    });
    expect(
      (await detectType(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]), 'x'))?.kind,
    ).toBe('jpg');
    expect((await detectType(Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'x'))?.kind).toBe('gif');
    expect((await detectType(Buffer.concat([zipEntry('word/document.xml', '<w/>')]), 'x'))?.kind).toBe('docx');
    expect((await detectType(Buffer.concat([zipEntry('xl/workbook.xml', '<x/>')]), 'x'))?.kind).toBe('xlsx');
    expect((await detectType(Buffer.concat([zipEntry('ppt/presentation.xml', '<p/>')]), 'x'))?.kind).toBe('pptx');
    expect((await detectType(zipEntry('mimetype', 'application/vnd.oasis.opendocument.spreadsheet'), 'x'))?.kind).toBe(
      'ods',
    );
  });

  it('refuses executables, archives and other formats', async () => {
    const exe = Buffer.alloc(256);
    exe.write('MZ');
    expect(await detectType(exe, 'rapport.pdf')).toBeNull();
    expect(await detectType(Buffer.from('\x7fELF\x02\x01\x01', 'latin1'), 'x.pdf')).toBeNull();
    expect(await detectType(zipEntry('a.txt', 'a'), 'x.docx')).toBeNull();
    expect(await detectType(Buffer.from([0x30, 0x26, 0xb2, 0x75, 0x8e, 0x66, 0xcf, 0x11, 0, 0]), 'x')).toBeNull();
    expect(await detectType(Buffer.alloc(0), 'x.txt')).toBeNull();
  });

  it('takes text without control bytes as CSV or plain text, with its charset', async () => {
    expect(await detectType(Buffer.from('a;b\n1;2\n'), 'cijfers.CSV')).toEqual({
      kind: 'csv',
      mediaType: 'text/csv; charset=utf-8',
    });
    expect(await detectType(Buffer.from('caf\xe9\r\n', 'latin1'), 'notitie.txt')).toEqual({
      kind: 'txt',
      mediaType: 'text/plain; charset=windows-1252',
    });
    // A multi-byte character cut off at the end of the sniffed head is still UTF-8.
    expect((await detectType(Buffer.from('één').subarray(0, 1), 'x'))?.mediaType).toBe('text/plain; charset=utf-8');
    expect(await detectType(Buffer.from('tekst\u0000meer'), 'x.txt')).toBeNull();
  });
});
