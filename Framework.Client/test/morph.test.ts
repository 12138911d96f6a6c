import { describe, expect, it } from 'vitest';
import { readMarkup } from '../src/markup';
import { morphChildren } from '../src/morph';

/** A live root parsed from `before`, morphed to the writer's `after`. */
function morph(before: string, after: string): HTMLElement {
  document.body.innerHTML = '<div id="root"></div>';
  const root = document.getElementById('root')!;
  root.innerHTML = before;
  morphChildren(root, readMarkup(root, after));
  return root;
}

describe('morphChildren', () => {
  it('ends with exactly the wanted tree', () => {
    const cases: [string, string][] = [
      ['<p>a</p><p>b</p>', '<p>b</p>'],
      ['', '<ul><li>1</li><li>2</li></ul>'],
      ['<div class="x" title="t">a<b>b</b></div>', '<div class="y">a<i>i</i>c</div>'],
      ['<span data-rf="c|1">1</span><span data-rf="c|2">2</span>', '<span data-rf="c|2">2</span><span data-rf="c|1">1</span>'],
      ['<div data-rf="c|1"></div>text<p></p>', '<p></p><div data-rf="c|1">x</div>'],
      ['<svg viewBox="0 0 1 1"><circle r="1"></circle></svg>', '<svg viewBox="0 0 2 2"><rect></rect></svg>'],
    ];
    for (const [before, after] of cases) {
      const expected = readMarkup(document, after);
      const holder = document.createElement('div');
      holder.appendChild(expected);
      expect(morph(before, after).innerHTML).toBe(holder.innerHTML);
    }
  });

  it('keeps an element that survives, so JavaScript holding it goes on working', () => {
    document.body.innerHTML = '<div id="root"><div id="grid"><table data-rf="grid|7"><thead><tr><th>Id</th></tr></thead></table></div></div>';
    const root = document.getElementById('root')!;
    const table = root.querySelector('table')!;
    const heading = root.querySelector('th')!;

    morphChildren(root, readMarkup(root,
      '<div id="grid"><table data-rf="grid|7" class="sorted"><thead><tr><th>Id <div class="col-options">filter</div></th></tr></thead></table></div>'));

    expect(root.querySelector('table')).toBe(table);
    expect(root.querySelector('th')).toBe(heading);
    expect(table.getAttribute('class')).toBe('sorted');
    expect(table.tHead!.querySelector('.col-options')).not.toBeNull();
  });

  it('finds an element by its reference where the parser moved it among its siblings', () => {
    // The parser put a stray div in front of the table; the server's tree has it inside the table's body.
    document.body.innerHTML = '<div id="root"><div data-rf="v|1"></div><table data-rf="q|2"><tbody></tbody></table></div>';
    const root = document.getElementById('root')!;
    const table = root.querySelector('table')!;

    morphChildren(root, readMarkup(root, '<table data-rf="q|2"><tbody><div data-rf="v|1"></div></tbody></table>'));

    expect(root.firstElementChild).toBe(table);
    expect(root.childNodes.length).toBe(1);
    expect(table.querySelector('tbody > div[data-rf="v|1"]')).not.toBeNull();
  });

  it('never reuses an element of another reference or tag', () => {
    document.body.innerHTML = '<div id="root"><button data-rf="a|1">a</button><p>x</p></div>';
    const root = document.getElementById('root')!;
    const button = root.querySelector('button')!;
    const paragraph = root.querySelector('p')!;

    morphChildren(root, readMarkup(root, '<button data-rf="b|1">b</button><div>x</div>'));

    expect(root.querySelector('button')).not.toBe(button);
    expect(button.isConnected).toBe(false);
    expect(paragraph.isConnected).toBe(false);
    expect(root.innerHTML).toBe('<button data-rf="b|1">b</button><div>x</div>');
  });

  it('shows the server\'s values in kept form fields, as fresh ones would', () => {
    document.body.innerHTML = '<div id="root"><input value="a"><input type="checkbox" checked=""><textarea>t</textarea>'
      + '<select><option value="1">1</option><option value="2" selected="">2</option></select></div>';
    const root = document.getElementById('root')!;
    const [text, box] = Array.from(root.querySelectorAll('input'));
    const area = root.querySelector('textarea')!;
    const select = root.querySelector('select')!;
    text!.value = 'typed';
    box!.checked = false;
    area.value = 'typed';
    select.value = '1';

    morphChildren(root, readMarkup(root, '<input value="server"><input type="checkbox" checked=""><textarea>s</textarea>'
      + '<select><option value="1">1</option><option value="2" selected="">2</option></select>'));

    expect(root.querySelector('input')).toBe(text);
    expect(text!.value).toBe('server');
    expect(box!.checked).toBe(true);
    expect(area.value).toBe('s');
    expect(select.value).toBe('2');
  });
});
