import * as Y from 'yjs';
import { exportDocument } from './document-export';
import { EDITOR_FRAGMENT } from './document.model';

/** A checklist as the editor (Tiptap's task list) stores it in Yjs: taskList > taskItem[checked] > paragraph. */
function docWithChecklist(): Y.Doc {
  const doc = new Y.Doc();
  const items = [
    ['Convenant ondertekend', true],
    ['Signaaltafel ingericht', false],
  ].map(([text, checked]) => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(text as string)]);
    const item = new Y.XmlElement('taskItem');
    item.setAttribute('checked', checked as unknown as string);
    item.insert(0, [paragraph]);
    return item;
  });
  const list = new Y.XmlElement('taskList');
  list.insert(0, items);
  doc.getXmlFragment(EDITOR_FRAGMENT).insert(0, [list]);
  return doc;
}

describe('document export of a checklist', () => {
  it("writes HTML the editor's schema reads back with its ticks, and ticks in Markdown", () => {
    const doc = docWithChecklist();
    const html = exportDocument(doc, 'html');
    expect(html).toContain('<ul data-type="taskList" class="checklist">');
    expect(html).toContain(
      '<li data-type="taskItem" data-checked="true"><input type="checkbox" disabled checked> <p>Convenant ondertekend</p></li>',
    );
    expect(html).toContain(
      '<li data-type="taskItem" data-checked="false"><input type="checkbox" disabled> <p>Signaaltafel ingericht</p></li>',
    );
    const markdown = exportDocument(doc, 'md');
    expect(markdown).toContain('- [x] Convenant ondertekend');
    expect(markdown).toContain('- [ ] Signaaltafel ingericht');
  });
});
